/**
 * The course's data: the Iris set shipped in the package and seeded generators for the seeds'
 * toy problems.
 */
export { type IrisDataset, loadIris } from "./iris";
export {
  makeBlobs,
  type MakeBlobsOptions,
  makeLinear,
  type MakeLinearOptions,
  makeMultiOutput,
  type MakeMultiOutputOptions,
  makePolynomial,
  type MakePolynomialOptions,
} from "./toy";
