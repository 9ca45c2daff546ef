/** The interface every format writer implements, and what the orchestrator hands it. */
import type { ExportCategory, ExportImage, ExportWarning } from './model';
import type { ExportSink } from './sink';

export interface WriterContext {
  readonly sink: ExportSink;
  readonly categories: readonly ExportCategory[];
  readonly appVersion: string;
  /** ISO time of the export, for formats that carry a date. */
  readonly createdAt: string;
  warn(warning: ExportWarning): void;
}

export interface FormatWriter {
  /** Called once per image in dataset order; `outputName` is the unique basename for its files. */
  addImage(image: ExportImage, outputName: string): Promise<void>;
  /** Called after the last image. */
  finish(): Promise<void>;
}
