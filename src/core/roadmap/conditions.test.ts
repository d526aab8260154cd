import { describe, expect, it } from 'vitest';
import { evaluateConsensus, type ConsensusInput } from '../consensus.js';
import { eff, makePosition } from '../test-factories.js';
import {
  linkedConditionStatus,
  positionConditions,
  roadmapConditionChecker,
} from './conditions.js';
import { assess, makeBenchmark, makeRoadmap, member } from './test-factories.js';

const eligible = [member('HU'), member('PL')];
const roadmap = makeRoadmap({
  benchmarks: [makeBenchmark('minority-law'), makeBenchmark('language-law')],
  conditionLinks: [{ condition: 'hu-minorities', benchmarks: ['minority-law', 'language-law'] }],
  assessments: [
    assess('minority-law', 'HU', '2024-03-01', true),
    assess('minority-law', 'PL', '2024-03-01', true),
    assess('language-law', 'PL', '2024-03-01', true),
    assess('language-law', 'HU', '2024-09-01', true),
  ],
});

describe('member conditions as roadmap items', () => {
  it('a linked condition is met once all its benchmarks are verified', () => {
    expect(linkedConditionStatus(roadmap, 'hu-minorities', '2024-06-01', eligible)).toEqual({
      condition: 'hu-minorities',
      linked: true,
      met: false,
      benchmarks: [
        { id: 'minority-law', verified: true },
        { id: 'language-law', verified: false },
      ],
    });
    expect(linkedConditionStatus(roadmap, 'hu-minorities', '2024-09-01', eligible).met).toBe(true);
  });

  it('an unlinked condition falls back to the scenario record', () => {
    const s = linkedConditionStatus(
      roadmap,
      'other',
      '2024-09-01',
      eligible,
      (id) => id === 'other',
    );
    expect(s).toEqual({ condition: 'other', linked: false, met: true, benchmarks: [] });
  });

  it("lifts a member's block in consensus once its conditions are verified", () => {
    const block = eff('HU', 'block', ['hu-minorities']);
    const input = (asOf: string): ConsensusInput => ({
      rule: 'unanimity',
      asOf,
      members: ['HU', 'PL'],
      positions: new Map([
        ['HU', block],
        ['PL', eff('PL', 'support')],
      ]),
      isMet: roadmapConditionChecker([roadmap], asOf, eligible),
    });
    const before = evaluateConsensus(input('2024-06-01'));
    expect(before.status).toBe('no-consensus');
    expect(before.blockerConditions).toEqual([{ member: 'HU', unmet: ['hu-minorities'] }]);
    expect(evaluateConsensus(input('2024-09-01')).status).toBe('consensus');
  });

  it("reports a conditional position's conditions", () => {
    const position = makePosition({
      member: 'HU',
      stance: 'support_with_conditions',
      conditions: ['hu-minorities'],
    });
    const p = positionConditions(position, roadmap, '2024-09-01', eligible);
    expect(p.met).toBe(true);
    expect(p.member).toBe('HU');
    expect(p.conditions.map((c) => c.condition)).toEqual(['hu-minorities']);
  });
});
