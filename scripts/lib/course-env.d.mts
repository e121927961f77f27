/** A Python environment: its prefix and its python. */
export interface CourseEnv {
  prefix: string;
  python: string;
}

/** Registers the tslab kernel and pip-installs the extension into `env` (course-env.mjs). */
export function prepareCourseEnv(env: CourseEnv): Promise<string>;
