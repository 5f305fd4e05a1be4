/** The scenario format `budgetcast/v1`: types, the schema, parsing with plain messages, durations and hashing. */
export type {
  AlertRule, BudgetConsumedRule, BudgetThreshold, Budgeting, BurnRateRule, Capacity, Dependency, Deploys, Dist, FailureClass,
  Impact, Latency, MaintenanceWindow, Metadata, ParseResult, Policy, Scenario, ScenarioIssue, ScriptedEvent, Service,
  SimulationSettings, Sla, SlaCreditTier, Slo, Traffic, Weekday, Window,
} from './types';
export { ScenarioSchema, STEP_MINUTES, DOCUMENT_LIMITS } from './schema';
export type { ScenarioOutput } from './schema';
export { EVENT_LIMITS } from './document-checks';
export { NORMAL_STATE, POLICY_LIMITS, defaultRuleName } from './policy-schema';
export { SLA_LIMITS } from './sla-schema';
export { DOCUMENT_PATH, MAX_TEXT_LENGTH, formatIssue, formatPath, parseScenarioObject, parseScenarioText } from './parse';
export { formatDuration, parseDuration } from './duration';
export type { DurationOptions, DurationResult } from './duration';
export { parseTimeOfDay, parseUtcInstant } from './clock';
export { didYouMean } from './messages';
export { canonicalJson, scenarioHash } from './hash';
