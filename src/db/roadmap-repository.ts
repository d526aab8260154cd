/** Roadmaps: the plan as one JSON document, evidence and assessments as rows of their own. */
import type { Kysely } from 'kysely';
import type { Assessment, Evidence } from '../core/roadmap/types.js';
import type { RoadmapVariant } from '../core/types.js';
import { assessorKey } from '../core/roadmap/verification.js';
import { parseJson } from './json.js';
import { nextSeq } from './seq.js';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

type Plan = Omit<RoadmapVariant, 'evidence' | 'assessments'>;

export async function loadRoadmaps(db: Db, scenarioId: string): Promise<RoadmapVariant[]> {
  const [plans, evidence, assessments] = await Promise.all([
    db
      .selectFrom('roadmaps')
      .selectAll()
      .where('scenario_id', '=', scenarioId)
      .orderBy('seq')
      .execute(),
    db
      .selectFrom('roadmap_evidence')
      .selectAll()
      .where('scenario_id', '=', scenarioId)
      .orderBy('seq')
      .execute(),
    db
      .selectFrom('roadmap_assessments')
      .selectAll()
      .where('scenario_id', '=', scenarioId)
      .orderBy('seq')
      .execute(),
  ]);
  return plans.map((p) => ({
    ...parseJson<Plan>(p.doc),
    evidence: evidence.filter((e) => e.roadmap_id === p.id).map((e) => parseJson<Evidence>(e.doc)),
    assessments: assessments
      .filter((a) => a.roadmap_id === p.id)
      .map((a) => parseJson<Assessment>(a.doc)),
  }));
}

function evidenceRow(scenarioId: string, roadmapId: string, seq: number, e: Evidence) {
  return { scenario_id: scenarioId, seq, roadmap_id: roadmapId, id: e.id, doc: JSON.stringify(e) };
}

function assessmentRow(scenarioId: string, roadmapId: string, seq: number, a: Assessment) {
  return {
    scenario_id: scenarioId,
    seq,
    roadmap_id: roadmapId,
    id: a.id,
    benchmark: a.benchmark,
    assessor: assessorKey(a.assessor),
    date: a.date,
    doc: JSON.stringify(a),
  };
}

export async function insertRoadmaps(
  db: Db,
  scenarioId: string,
  roadmaps: readonly RoadmapVariant[],
): Promise<void> {
  let evidenceSeq = 0;
  let assessmentSeq = 0;
  for (const [seq, r] of roadmaps.entries()) {
    const { evidence, assessments, ...plan } = r;
    await db
      .insertInto('roadmaps')
      .values({
        scenario_id: scenarioId,
        seq,
        id: r.id,
        candidate: r.candidate,
        approach: r.approach,
        doc: JSON.stringify(plan),
        version: 1,
      })
      .execute();
    for (const e of evidence) {
      await db
        .insertInto('roadmap_evidence')
        .values(evidenceRow(scenarioId, r.id, evidenceSeq++, e))
        .execute();
    }
    for (const a of assessments) {
      await db
        .insertInto('roadmap_assessments')
        .values(assessmentRow(scenarioId, r.id, assessmentSeq++, a))
        .execute();
    }
  }
}

export async function insertEvidence(
  db: Db,
  scenarioId: string,
  roadmapId: string,
  e: Evidence,
): Promise<void> {
  const seq = await nextSeq(db, 'roadmap_evidence', scenarioId);
  await db
    .insertInto('roadmap_evidence')
    .values(evidenceRow(scenarioId, roadmapId, seq, e))
    .execute();
}

export async function insertAssessment(
  db: Db,
  scenarioId: string,
  roadmapId: string,
  a: Assessment,
): Promise<void> {
  const seq = await nextSeq(db, 'roadmap_assessments', scenarioId);
  await db
    .insertInto('roadmap_assessments')
    .values(assessmentRow(scenarioId, roadmapId, seq, a))
    .execute();
}
