/// <reference types="vite/client" />
import { createCodecProvider, type CodecName, type CodecProvider } from '../../shared/dicom/codec-provider';
// The .wasm files are bundled with the app by Vite and served from its own origin: never a network.
import charlsWasm from '@cornerstonejs/codec-charls/decodewasm?url';
import libjpegTurboWasm from '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasm?url';
import openjpegWasm from '@cornerstonejs/codec-openjpeg/decodewasm?url';
import openjphWasm from '@cornerstonejs/codec-openjph/wasm?url';
import dcmjsCodecsWasm from 'dcmjs-codecs/build/dcmjs-native-codecs.wasm?url';

const wasmUrls: Record<CodecName, string> = {
  charls: charlsWasm,
  libjpegTurbo: libjpegTurboWasm,
  openjpeg: openjpegWasm,
  openjph: openjphWasm,
  dcmjsCodecs: dcmjsCodecsWasm,
};

export function createBrowserCodecProvider(): CodecProvider {
  return createCodecProvider({ wasmUrl: (codec) => wasmUrls[codec] });
}
