/**
 * The WebAssembly codecs, injected so that shared/ does no I/O: the browser worker hands in modules whose
 * .wasm files Vite bundled with the app, Node hands in modules that read theirs from node_modules.
 * The shapes below are the parts of the @cornerstonejs codec packages' embind classes that we call.
 */
export interface CodecFrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned?: boolean;
}

export interface WasmFrameDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  getDecodedBuffer(): Uint8Array;
  decode(): void;
  getFrameInfo(): CodecFrameInfo;
  delete(): void;
}

type DecoderClass = new () => WasmFrameDecoder;

/** The parts of dcmjs-codecs that we call: its IJG libjpeg builds, of which the 12-bit one is the reason. */
export type DcmjsCodecs = Pick<typeof import('dcmjs-codecs'), 'NativeCodecs' | 'Context'>;

export interface CodecProvider {
  /** @cornerstonejs/codec-libjpeg-turbo-8bit: JPEG baseline and 8-bit extended. */
  libjpegTurbo(): Promise<{ JPEGDecoder: DecoderClass }>;
  /** @cornerstonejs/codec-charls: JPEG-LS lossless and near-lossless. */
  charls(): Promise<{ JpegLSDecoder: DecoderClass }>;
  /** @cornerstonejs/codec-openjpeg: JPEG 2000. */
  openjpeg(): Promise<{ J2KDecoder: DecoderClass }>;
  /** @cornerstonejs/codec-openjph: High-Throughput JPEG 2000. */
  openjph(): Promise<{ HTJ2KDecoder: DecoderClass }>;
  /** dcmjs-codecs: IJG libjpeg built for 12-bit samples (JPEG Extended, process 4), which libjpeg-turbo's package lacks. */
  dcmjsCodecs(): Promise<DcmjsCodecs>;
  /** Forgets a module after its code trapped, so that the next use starts a fresh instance. */
  discard(codec: CodecName): void;
}

export type EmscriptenCodecName = 'libjpegTurbo' | 'charls' | 'openjpeg' | 'openjph';
export type CodecName = EmscriptenCodecName | 'dcmjsCodecs';

/** An Emscripten module factory, the default export of each codec package's wasm glue. */
export type EmscriptenFactory = (options: {
  locateFile?: (path: string, prefix: string) => string;
  print?: (text: string) => void;
  printErr?: (text: string) => void;
}) => Promise<unknown>;

/**
 * Each codec's Emscripten glue, loaded the first time a file needs it (a separate chunk in the app).
 * The glue itself does the fetching: from `wasmUrl` when given (the browser), else from beside itself (Node).
 */
const codecGlue: Record<EmscriptenCodecName, () => Promise<{ default: EmscriptenFactory }>> = {
  libjpegTurbo: () => import('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs'),
  charls: () => import('@cornerstonejs/codec-charls/decodewasmjs'),
  openjpeg: () => import('@cornerstonejs/codec-openjpeg/decodewasmjs'),
  openjph: () => import('@cornerstonejs/codec-openjph/wasmjs'),
};

/**
 * dcmjs-codecs keeps one WASM instance per thread, for the thread's life: a decode that fails (IJG's error
 * exit) leaves it usable, and releasing it could pull it from under another frame decoding meanwhile. Its own
 * loader reaches `fetch` and `fs` through `eval`, which the app's Content-Security-Policy forbids, so where a
 * URL is given the bytes are fetched here instead (the library's loader hook, pinned with the package version).
 */
async function loadDcmjsCodecs(wasmUrl: string | undefined): Promise<DcmjsCodecs> {
  // A webpack UMD bundle: Node and Vite expose its exports as the default export.
  const imported = await import('dcmjs-codecs');
  const library = ((imported as { default?: DcmjsCodecs }).default ?? imported) as DcmjsCodecs;
  const { NativeCodecs } = library;
  if (!NativeCodecs.isInitialized()) {
    if (wasmUrl) {
      (NativeCodecs as unknown as { _getWebAssemblyBytes: () => Promise<ArrayBuffer> })._getWebAssemblyBytes = async () => (await fetch(wasmUrl)).arrayBuffer();
    }
    await NativeCodecs.initializeAsync({ logCodecsInfo: false, logCodecsTrace: false });
  }
  return library;
}

export interface CodecSources {
  /** Where each codec's .wasm file lives; omit to let the glue find it beside itself (Node). */
  wasmUrl?: (codec: CodecName) => string;
}

/**
 * Builds a provider that initialises each codec once, on first use. Emscripten's print hooks are
 * silenced: openjpeg prints progress lines that must not reach logs or command-line output.
 */
export function createCodecProvider(sources: CodecSources = {}): CodecProvider {
  const modules = new Map<CodecName, Promise<unknown>>();
  const silent = () => {};
  const instantiate = (codec: CodecName): Promise<unknown> => {
    const wasmUrl = sources.wasmUrl?.(codec);
    if (codec === 'dcmjsCodecs') return loadDcmjsCodecs(wasmUrl);
    return codecGlue[codec]().then(({ default: factory }) =>
      factory({
        print: silent,
        printErr: silent,
        ...(wasmUrl ? { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) } : {}),
      }),
    );
  };
  const load = <T>(codec: CodecName): Promise<T> => {
    let module = modules.get(codec);
    if (!module) {
      module = instantiate(codec);
      // A failed load (missing asset) may succeed later, so it is not cached.
      module.catch(() => modules.delete(codec));
      modules.set(codec, module);
    }
    return module as Promise<T>;
  };
  return {
    libjpegTurbo: () => load('libjpegTurbo'),
    charls: () => load('charls'),
    openjpeg: () => load('openjpeg'),
    openjph: () => load('openjph'),
    dcmjsCodecs: () => load('dcmjsCodecs'),
    discard: (codec) => void modules.delete(codec),
  };
}
