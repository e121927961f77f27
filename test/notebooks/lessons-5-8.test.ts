// Lessons 5–8 (issue 8) through the grader: see describeLessonGrading for what is proved.
import { describeLessonGrading } from "../support/lesson-grading";

describeLessonGrading([
  "05-frobenius-gradient",
  "06-logistic-sgd-iris",
  "07-softmax-regression",
  "08-vectorization-shapes",
]);
