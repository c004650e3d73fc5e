// A Parquet file of one flat table of nullable columns, written a row group at a time so memory
// stays flat however long the table: each row group's columns are encoded (parquet-encode.ts) and
// their pages appended at once. hyparquet-writer supplies the fiddly, per-file parts: the Thrift
// page headers and footer, the RLE encoder, Snappy and the buffered file writer.
import type { ColumnChunk, CompressionCodec, Encoding, ParquetType, RowGroup, SchemaElement } from 'hyparquet';
import { fileWriter } from 'hyparquet-writer';
import { writePageHeader } from 'hyparquet-writer/src/datapage.js';
import { writeMetadata } from 'hyparquet-writer/src/metadata.js';
import { snappyCompress } from 'hyparquet-writer/src/snappy.js';
import { encodeColumn, type EncodedColumn, type PhysicalKind, type Utf8Column } from './parquet-encode.ts';

/** A column of the file: its name, its physical kind, and DATE when the INT32 counts days. */
export interface ParquetColumn {
  name: string;
  kind: PhysicalKind;
  date?: boolean;
}

const MAGIC = 0x31524150; // "PAR1"
// Snappy: what pandas and arrow write by default; its cost is small once the repeating columns
// are dictionary indexes.
const CODEC: CompressionCodec = 'SNAPPY';

const PHYSICAL: Record<PhysicalKind, ParquetType> = { int: 'INT32', real: 'DOUBLE', text: 'BYTE_ARRAY', bool: 'BOOLEAN' };

function schemaElement(column: ParquetColumn): SchemaElement {
  const element: SchemaElement = { name: column.name, type: PHYSICAL[column.kind], repetition_type: 'OPTIONAL' };
  if (column.kind === 'text') element.converted_type = 'UTF8';
  if (column.date) Object.assign(element, { converted_type: 'DATE', logical_type: { type: 'DATE' } });
  return element;
}

/** Writes the row groups of one table to a Parquet file; `finish` writes the footer. */
export class ParquetTableFile {
  private readonly writer;
  private readonly rowGroups: RowGroup[] = [];
  private rows = 0;

  constructor(private readonly columns: ParquetColumn[], path: string, private readonly createdBy = 'nianbao export') {
    this.writer = fileWriter(path);
    this.writer.appendUint32(MAGIC);
  }

  /** Appends one row group: one array of values (or a text column's UTF-8 bytes) per column, all of one length; returns its row count. */
  writeRowGroup(columnValues: readonly (readonly unknown[] | Utf8Column)[]): number {
    const count = (values: readonly unknown[] | Utf8Column) => ('lengths' in values ? values.lengths.length : values.length);
    const rows = columnValues.length ? count(columnValues[0]) : 0;
    if (rows === 0) return 0;
    const start = this.writer.offset;
    const chunks = this.columns.map((column, i) => {
      if (count(columnValues[i]) !== rows) throw new Error(`parquet: column ${column.name} has ${count(columnValues[i])} values, not ${rows}`);
      return this.writeChunk(column, encodeColumn(columnValues[i], column.kind), rows);
    });
    let uncompressed = 0n;
    for (const chunk of chunks) uncompressed += chunk.meta_data?.total_uncompressed_size ?? 0n;
    this.rowGroups.push({ columns: chunks, num_rows: BigInt(rows), total_byte_size: uncompressed, file_offset: BigInt(start), total_compressed_size: BigInt(this.writer.offset - start) });
    this.rows += rows;
    return rows;
  }

  /** Writes the footer (schema, row groups) and closes the file. */
  finish(): void {
    const schema: SchemaElement[] = [{ name: 'root', num_children: this.columns.length }, ...this.columns.map(schemaElement)];
    writeMetadata(this.writer, { version: 2, schema, num_rows: BigInt(this.rows), row_groups: this.rowGroups, created_by: this.createdBy, metadata_length: 0 });
    this.writer.appendUint32(MAGIC);
    this.writer.finish();
  }

  private writeChunk(column: ParquetColumn, encoded: EncodedColumn, rows: number): ColumnChunk {
    const start = this.writer.offset;
    let uncompressed = 0;
    let dictionaryOffset: bigint | undefined;
    if (encoded.dictionary) {
      dictionaryOffset = BigInt(start);
      const body = snappyCompress(encoded.dictionary.bytes);
      writePageHeader(this.writer, {
        type: 'DICTIONARY_PAGE', uncompressed_page_size: encoded.dictionary.bytes.length, compressed_page_size: body.length,
        dictionary_page_header: { num_values: encoded.dictionary.count, encoding: 'PLAIN' },
      });
      this.writer.appendBytes(body);
      uncompressed += this.writer.offset - start - body.length + encoded.dictionary.bytes.length;
    }
    const pageStart = this.writer.offset;
    const body = snappyCompress(encoded.values);
    // Data page v2: the levels stay uncompressed ahead of the compressed values.
    writePageHeader(this.writer, {
      type: 'DATA_PAGE_V2', uncompressed_page_size: encoded.levels.length + encoded.values.length, compressed_page_size: encoded.levels.length + body.length,
      data_page_header_v2: { num_values: rows, num_nulls: encoded.nulls, num_rows: rows, encoding: encoded.encoding, definition_levels_byte_length: encoded.levels.length, repetition_levels_byte_length: 0, is_compressed: true },
    });
    this.writer.appendBytes(encoded.levels);
    this.writer.appendBytes(body);
    uncompressed += this.writer.offset - pageStart - body.length + encoded.values.length;
    const encodings: Encoding[] = encoded.dictionary ? ['PLAIN', 'RLE', 'RLE_DICTIONARY'] : ['PLAIN', 'RLE'];
    return {
      file_offset: BigInt(start),
      meta_data: {
        type: PHYSICAL[column.kind], encodings, path_in_schema: [column.name], codec: CODEC, num_values: BigInt(rows),
        total_uncompressed_size: BigInt(uncompressed), total_compressed_size: BigInt(this.writer.offset - start),
        data_page_offset: BigInt(pageStart), dictionary_page_offset: dictionaryOffset,
      },
    };
  }
}
