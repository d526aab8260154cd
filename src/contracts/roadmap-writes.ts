/** Bodies of the roadmap writes: evidence from the candidate, assessments from each assessor. */
import { AssessmentSchema, EvidenceSchema } from './roadmap.js';
import { IdSchema } from './scenario-base.js';

/** New evidence; the id is made from its date and title when omitted. */
export const EvidenceBody = EvidenceSchema.extend({ id: IdSchema.optional() });

/** A new assessment; the id is made from assessor, benchmark and date when omitted. */
export const AssessmentBody = AssessmentSchema.extend({ id: IdSchema.optional() });
