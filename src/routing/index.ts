export type { RouteStep, RuleInput } from './rules.ts';
export { deleteRule, findRoute, getRule, listRules, routingCoverage, saveRule } from './rules.ts';
