//! Parquet output of `klartext warc`: the pages' JSON objects as rows under the fixed
//! schema [`klartext_warc::schema::WARC_COLUMNS`] (the Spark schema's columns), zstd
//! compressed, one row group every [`ROW_GROUP_ROWS`] rows or [`ROW_GROUP_BYTES`] bytes
//! of text, whichever comes first, so memory stays bounded whatever the crawl's size.
//!
//! A row's values are the JSON object's members of the same name (the JSON that
//! `--format jsonl` prints, plus `warc_path`); a member that is missing or of another JSON
//! type is null. So the Parquet file and the JSON Lines hold the same values.

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use arrow_array::{
    ArrayRef, BooleanArray, Int64Array, ListArray, RecordBatch, StringArray, StructArray,
};
use arrow_buffer::{NullBuffer, OffsetBuffer};
use arrow_schema::{ArrowError, DataType, Field, Fields, Schema, SchemaRef};
use klartext_warc::schema::{Column, Kind, WARC_COLUMNS};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use serde_json::Value;

/// Rows per row group (at most).
pub const ROW_GROUP_ROWS: usize = 1024;
/// Bytes of page text per row group (at most, roughly): a row group closes past this.
pub const ROW_GROUP_BYTES: usize = 64 << 20;

/// The Arrow schema of [`WARC_COLUMNS`]; every column and member nullable.
pub fn arrow_schema() -> SchemaRef {
    Arc::new(Schema::new(fields(WARC_COLUMNS)))
}

fn fields(columns: &[Column]) -> Fields {
    columns
        .iter()
        .map(|c| Field::new(c.name, data_type(c.kind), true))
        .collect()
}

fn data_type(kind: Kind) -> DataType {
    match kind {
        Kind::Str => DataType::Utf8,
        Kind::Int => DataType::Int64,
        Kind::Bool => DataType::Boolean,
        Kind::List(item) => DataType::List(item_field(*item)),
        Kind::Struct(members) => DataType::Struct(fields(members)),
    }
}

fn item_field(kind: Kind) -> Arc<Field> {
    Arc::new(Field::new("item", data_type(kind), true))
}

/// A Parquet file being written: rows are buffered and written a row group at a time.
pub struct ParquetSink {
    writer: ArrowWriter<File>,
    schema: SchemaRef,
    rows: Vec<Value>,
    text_bytes: usize,
}

impl ParquetSink {
    /// Creates (or truncates) the file at `path`.
    pub fn create(path: &Path) -> Result<ParquetSink, ParquetError> {
        let file = File::create(path)?;
        let schema = arrow_schema();
        let properties = WriterProperties::builder()
            .set_compression(Compression::ZSTD(ZstdLevel::default()))
            .build();
        Ok(ParquetSink {
            writer: ArrowWriter::try_new(file, schema.clone(), Some(properties))?,
            schema,
            rows: Vec::new(),
            text_bytes: 0,
        })
    }

    /// Adds one page (the JSON object of `--format jsonl`, with `warc_path`); writes the
    /// row group when it is full.
    pub fn push(&mut self, row: Value) -> Result<(), ParquetError> {
        self.text_bytes += row["text"].as_str().map_or(0, str::len);
        self.rows.push(row);
        if self.rows.len() >= ROW_GROUP_ROWS || self.text_bytes >= ROW_GROUP_BYTES {
            self.write_group()?;
        }
        Ok(())
    }

    fn write_group(&mut self) -> Result<(), ParquetError> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let batch = record_batch(&self.schema, &self.rows)?;
        self.writer.write(&batch)?;
        self.writer.flush()?;
        self.rows.clear();
        self.text_bytes = 0;
        Ok(())
    }

    /// Writes the last row group and the footer; the file is complete only after this.
    pub fn finish(mut self) -> Result<(), ParquetError> {
        self.write_group()?;
        self.writer.close()?;
        Ok(())
    }
}

/// The rows as one Arrow batch under `schema` (built from [`WARC_COLUMNS`]).
pub fn record_batch(schema: &SchemaRef, rows: &[Value]) -> Result<RecordBatch, ArrowError> {
    let objects: Vec<Option<&Value>> = rows.iter().map(Some).collect();
    let columns = WARC_COLUMNS
        .iter()
        .map(|c| column_array(c, &objects))
        .collect::<Result<Vec<_>, _>>()?;
    RecordBatch::try_new(schema.clone(), columns)
}

/// The array of member `column` of each of `parents` (null where a parent is null).
fn column_array(column: &Column, parents: &[Option<&Value>]) -> Result<ArrayRef, ArrowError> {
    let values: Vec<Option<&Value>> = parents
        .iter()
        .map(|p| p.and_then(|p| p.get(column.name)))
        .collect();
    array(column.kind, &values)
}

/// One array of `kind` from JSON values; `None`, JSON null and other JSON types are null.
fn array(kind: Kind, values: &[Option<&Value>]) -> Result<ArrayRef, ArrowError> {
    Ok(match kind {
        Kind::Str => Arc::new(
            values
                .iter()
                .map(|v| v.and_then(Value::as_str))
                .collect::<StringArray>(),
        ),
        Kind::Int => Arc::new(
            values
                .iter()
                .map(|v| v.and_then(Value::as_i64))
                .collect::<Int64Array>(),
        ),
        Kind::Bool => Arc::new(
            values
                .iter()
                .map(|v| v.and_then(Value::as_bool))
                .collect::<BooleanArray>(),
        ),
        Kind::List(item) => list_array(*item, values)?,
        Kind::Struct(members) => {
            let objects: Vec<Option<&Value>> =
                values.iter().map(|v| v.filter(|v| v.is_object())).collect();
            let children = members
                .iter()
                .map(|m| column_array(m, &objects))
                .collect::<Result<Vec<_>, _>>()?;
            let nulls = NullBuffer::from_iter(objects.iter().map(Option::is_some));
            Arc::new(StructArray::try_new(
                fields(members),
                children,
                Some(nulls),
            )?)
        }
    })
}

fn list_array(item: Kind, values: &[Option<&Value>]) -> Result<ArrayRef, ArrowError> {
    let lists: Vec<Option<&Vec<Value>>> =
        values.iter().map(|v| v.and_then(Value::as_array)).collect();
    let items: Vec<Option<&Value>> = lists
        .iter()
        .flatten()
        .flat_map(|l| l.iter().map(Some))
        .collect();
    let offsets = OffsetBuffer::from_lengths(lists.iter().map(|l| l.map_or(0, Vec::len)));
    let nulls = NullBuffer::from_iter(lists.iter().map(Option::is_some));
    Ok(Arc::new(ListArray::try_new(
        item_field(item),
        offsets,
        array(item, &items)?,
        Some(nulls),
    )?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::Array;
    use serde_json::json;

    #[test]
    fn json_rows_become_columns_with_nulls_where_values_are_missing() {
        let rows = vec![
            json!({"warc_path": "a.warc", "http_status": 200, "authors": ["A", "B"],
                   "quotes": [{"text": "Wir bleiben.", "start": 3, "end": 17, "kind": "direct"}],
                   "truncated": false}),
            json!({"warc_path": "a.warc", "http_status": null, "authors": [], "title": 7}),
        ];
        let batch = record_batch(&arrow_schema(), &rows).expect("batch");
        assert_eq!(batch.num_rows(), 2);
        assert_eq!(batch.num_columns(), WARC_COLUMNS.len());
        let status = batch.column_by_name("http_status").expect("column");
        assert_eq!((status.null_count(), status.is_valid(0)), (1, true));
        let title = batch.column_by_name("title").expect("column");
        assert_eq!(title.null_count(), 2, "a number is no title");
        let authors = batch.column_by_name("authors").expect("column");
        let authors = authors.as_any().downcast_ref::<ListArray>().expect("list");
        assert_eq!((authors.value_length(0), authors.value_length(1)), (2, 0));
        let quotes = batch.column_by_name("quotes").expect("column");
        let quotes = quotes.as_any().downcast_ref::<ListArray>().expect("list");
        assert!(quotes.is_null(1) && quotes.value_length(0) == 1);
    }

    #[test]
    fn rows_are_written_a_row_group_at_a_time_in_order() {
        use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
        let path = std::env::temp_dir().join(format!("klartext-pq-{}.parquet", std::process::id()));
        let mut sink = ParquetSink::create(&path).expect("create");
        let total = 2 * ROW_GROUP_ROWS + 5;
        for n in 0..total {
            sink.push(json!({"warc_path": "w", "text": format!("page {n}"), "truncated": false}))
                .expect("push");
            assert!(
                sink.rows.len() < ROW_GROUP_ROWS,
                "a full group is written at once"
            );
        }
        sink.finish().expect("finish");
        let file = File::open(&path).expect("open");
        let builder = ParquetRecordBatchReaderBuilder::try_new(file).expect("parquet");
        assert_eq!(builder.metadata().num_row_groups(), 3);
        let mut texts = Vec::new();
        for batch in builder.build().expect("reader") {
            let batch = batch.expect("batch");
            let text = batch.column_by_name("text").expect("text");
            let text = text
                .as_any()
                .downcast_ref::<StringArray>()
                .expect("strings");
            texts.extend(text.iter().map(|t| t.unwrap_or_default().to_string()));
        }
        let _ = std::fs::remove_file(&path);
        let expect: Vec<String> = (0..total).map(|n| format!("page {n}")).collect();
        assert_eq!(texts, expect);
    }
}
