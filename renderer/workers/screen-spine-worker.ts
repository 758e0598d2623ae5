/// <reference lib="webworker" />
// Screens a CT for vertebral fractures off the UI thread (shared/assist/spine-screen.ts).
import { screenSpine, type ScreeningResult } from '../../shared/assist/spine-screen';
import type { Volume } from '../../shared/volume/volume';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<Volume>) => {
  let result: ScreeningResult;
  try {
    result = screenSpine(event.data);
  } catch (error) {
    result = { error: `The screening stopped on an unexpected error (${error instanceof Error ? error.name : 'unknown'}).` };
  }
  scope.postMessage(result);
};
