import { UserFacingError } from '../util/errors.js';

/** A capture file that cannot be read as a whole: the message names the file and what is wrong with it. */
export class PcapError extends UserFacingError {
  override name = 'PcapError';
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}
