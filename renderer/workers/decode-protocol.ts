import type { LoadResult } from '../../shared/dicom/load-instance';

/** Main thread → worker: the file's bytes, transferred (the sender's copy is detached). */
export interface DecodeRequest {
  id: number;
  bytes: ArrayBuffer;
  fileName: string;
}

/** Worker → main thread: the result, with every frame's pixel buffer transferred. */
export interface DecodeResponse {
  id: number;
  result: LoadResult;
}
