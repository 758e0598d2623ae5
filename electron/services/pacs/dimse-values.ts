import dimse from 'dcmjs-dimse';
import { PacsError } from './net-errors';

type Dataset = InstanceType<typeof dimse.Dataset>;
type CStoreRequest = InstanceType<typeof dimse.requests.CStoreRequest>;
type CStoreResponse = InstanceType<typeof dimse.responses.CStoreResponse>;

const { CStoreResponse } = dimse.responses;
const { Status } = dimse.constants;

/** Refused: out of resources (PS3.4 §GG.4.2.1.3); also what a store nobody asked for gets. */
const REFUSED = 0xa700;

/** A naturalised value (dcmjs) as text: person names by their alphabetic group, lists by their first value. */
export function textOf(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'string') return first;
  if (typeof first === 'number') return String(first);
  if (first && typeof first === 'object' && typeof (first as { Alphabetic?: unknown }).Alphabetic === 'string') return (first as { Alphabetic: string }).Alphabetic;
  return '';
}

/**
 * Answers one C-STORE sent to us (in a C-GET, or to our storage SCP in a C-MOVE): Success once `store` has
 * taken the dataset, Refused when it could not, after telling `failed` why.
 */
export function answerStore(request: CStoreRequest, callback: (response: CStoreResponse) => void, store: (dataset: Dataset) => Promise<void>, failed: (error: unknown) => void): void {
  const response = CStoreResponse.fromRequest(request);
  const dataset = request.getDataset();
  (dataset ? store(dataset) : Promise.reject(new PacsError('The server sent a C-STORE without a dataset', 'protocol')))
    .then(
      () => response.setStatus(Status.Success),
      (e: unknown) => {
        failed(e);
        response.setStatus(REFUSED);
      },
    )
    .finally(() => callback(response));
}
