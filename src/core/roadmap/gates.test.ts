import { describe, expect, it } from 'vitest';
import { gateStatus, gateStatuses } from './gates.js';
import { assess, makeBenchmark, makeGate, makeRoadmap, member } from './test-factories.js';

const eligible = [member('FR'), member('PL')];
const gate = makeGate('invitation', ['courts', 'control'], { decision: 'invite-ua' });
const roadmap = makeRoadmap({
  benchmarks: [makeBenchmark('courts'), makeBenchmark('control')],
  gates: [gate],
  assessments: [
    assess('courts', 'FR', '2024-02-01', true),
    assess('courts', 'PL', '2024-03-01', true),
    assess('control', 'FR', '2024-04-01', true),
    assess('control', 'PL', '2024-05-01', false),
    assess('control', 'PL', '2024-06-15', true),
  ],
});

describe('gateStatus', () => {
  it('is not ready while a required benchmark is unverified, and says why', () => {
    const s = gateStatus(roadmap, gate, '2024-06-01', eligible);
    expect(s.ready).toBe(false);
    expect(s.decision).toBe('invite-ua');
    expect(s.verified).toEqual(['courts']);
    expect(s.outstanding.map((v) => [v.benchmark, v.dissent])).toEqual([
      ['control', [member('PL')]],
    ]);
    expect(s.readySince).toBeUndefined();
  });

  it('is ready once all are verified, since the last of them was', () => {
    const s = gateStatus(roadmap, gate, '2024-07-01', eligible);
    expect(s.ready).toBe(true);
    expect(s.outstanding).toEqual([]);
    expect(s.readySince).toBe('2024-06-15');
    expect(gateStatuses(roadmap, '2024-07-01', eligible).map((g) => g.ready)).toEqual([true]);
  });
});
