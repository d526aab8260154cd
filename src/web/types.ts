/**
 * The shapes the dashboard reads from the API: the response schemas of src/contracts/api.ts where
 * they exist, otherwise the core's own types (type-only imports: the dashboard runs none of the
 * server's code), mirrored by hand only for views the contracts leave undocumented.
 */
import type {
  CandidateResponse,
  ScenarioDetailResponse,
  ScenarioListResponse,
} from '../contracts/api.js';
import type { DecisionStatus, StatusSummary } from '../core/status.js';
import type {
  Basis,
  Citation,
  EventFact,
  Group,
  IsoDate,
  Iso2,
  Position,
  Source,
  Stance,
} from '../core/types.js';

export type {
  Basis,
  Citation,
  DecisionStatus,
  EventFact,
  Group,
  IsoDate,
  Iso2,
  Position,
  Source,
  Stance,
  StatusSummary,
};

export type ScenarioList = ScenarioListResponse;
export type ScenarioDetail = ScenarioDetailResponse;
export type CandidateView = CandidateResponse;

export interface MembersView {
  readonly asOf: IsoDate;
  readonly members: readonly {
    readonly iso2: Iso2;
    readonly name: string;
    readonly joined: IsoDate;
    readonly basis: Basis;
    readonly sources: readonly Citation[];
  }[];
}

export interface Verification {
  readonly verified: boolean;
  readonly agree: readonly { readonly kind: string; readonly iso2?: Iso2; readonly id?: string }[];
  readonly dissent: readonly {
    readonly kind: string;
    readonly iso2?: Iso2;
    readonly id?: string;
  }[];
  readonly missing: readonly {
    readonly kind: string;
    readonly iso2?: Iso2;
    readonly id?: string;
  }[];
  readonly needed: number;
  readonly explanation: string;
}

export interface BenchmarkView {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly owner?: string;
  readonly weight: number;
  readonly basis: Basis;
  readonly status: string;
  readonly verification: Verification;
  readonly schedule: {
    readonly durationDays: number;
    readonly slack: number;
    readonly critical: boolean;
    readonly dates: { readonly earlyStart: IsoDate; readonly earlyFinish: IsoDate };
  };
}

export interface TimelineItem {
  readonly id: string;
  readonly kind: string;
  readonly title: string;
  readonly projected: IsoDate;
  readonly done: boolean;
  readonly critical: boolean;
  readonly slipCount: number;
  readonly slippedDays: number;
  readonly originalTarget?: IsoDate;
  readonly target?: IsoDate;
  readonly marginDays?: number;
  readonly state: string;
  readonly reasons: readonly string[];
}

export interface GateView {
  readonly gate: string;
  readonly title: string;
  readonly decision?: string;
  readonly ready: boolean;
  readonly verified: readonly string[];
  readonly outstanding: readonly { readonly benchmark: string }[];
}

export interface RoadmapView {
  readonly asOf: IsoDate;
  readonly roadmap: {
    readonly id: string;
    readonly title: string;
    readonly candidate: Iso2;
    readonly approach: string;
    readonly description?: string;
  };
  readonly progress: { readonly progress: number; readonly benchmarks: number };
  readonly tracks: readonly {
    readonly id: string;
    readonly title: string;
    readonly progress: number;
    readonly benchmarks: readonly BenchmarkView[];
  }[];
  readonly milestones: readonly {
    readonly id: string;
    readonly title: string;
    readonly basis: Basis;
  }[];
  readonly dependencies: readonly {
    readonly from: string;
    readonly to: string;
    readonly lagDays: number;
  }[];
  readonly criticalPath: readonly string[];
  readonly finish: IsoDate | null;
  readonly gates: readonly GateView[];
  readonly timeline: readonly TimelineItem[];
  readonly evidence: number;
  readonly assessments: number;
}

export interface RoadmapList {
  readonly roadmaps: readonly {
    readonly id: string;
    readonly title: string;
    readonly approach: string;
    readonly candidate: Iso2;
  }[];
}

export interface SessionInfo {
  readonly principal: { readonly name: string; readonly role: string } | null;
  readonly csrfToken: string | null;
  /** False until the first account exists (then sign-in is pointless). */
  readonly accounts: boolean;
}
