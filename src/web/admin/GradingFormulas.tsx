// The grading formulas as an admin keeps them: the grading screen with its formula editor, so a change
// is seen at once in the month's grades.
import { Grades } from '../insight/Grades.tsx';

export function GradingFormulas() {
  return <Grades canEdit />;
}
