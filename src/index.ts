/**
 * gradbook: a float64, numpy-like course library for the foundations of deep learning.
 * Everything a notebook, a grader or a user needs is exported from here.
 */
export { version } from "./version";
export * from "./tensor";
export * from "./check";
export * from "./display";
export * from "./models";
export * from "./data";
