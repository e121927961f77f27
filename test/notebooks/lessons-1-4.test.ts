// Lessons 1–4 (issue 8) through the grader: see describeLessonGrading for what is proved.
import { describeLessonGrading } from "../support/lesson-grading";

describeLessonGrading([
  "01-normal-equation",
  "02-gradient-descent-l2",
  "03-ridge-polynomial",
  "04-geometry-of-l2",
]);
