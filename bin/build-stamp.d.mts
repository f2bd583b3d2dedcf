// Types of bin/build-stamp.mjs, for the TypeScript that imports it (the build script and the tests).

/** Where the build lives, relative to the repository. */
export declare const BUILD_DIR: string;
/** The stamp, in BUILD_DIR: `{ "sha256": "...", "files": N }`. */
export declare const STAMP_FILE: string;

/** The stamp of a build: a sha256 over the relative path and content of each file it was made from. */
export interface SourceStamp {
  readonly sha256: string;
  /** how many files went into it */
  readonly files: number;
}

/** The files the build is made from, relative to `root` with `/` separators, sorted. */
export declare function sourceFiles(root: string): string[];
/** The stamp of the sources under `root` as they are now. */
export declare function sourceStamp(root: string): SourceStamp;
/** Whether the build under `root` was made from the sources as they are now. */
export declare function buildState(root: string): 'fresh' | 'stale' | 'absent';
