export type { RouteStep, RuleInput } from './rules.ts';
export { deleteRule, findRoute, getRule, listRules, saveRule } from './rules.ts';
