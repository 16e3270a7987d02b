//! Bounded batches of records for parallel extraction: a reader fills a batch, workers
//! extract it, and the memory held is what the batches in flight hold. [`Batcher`] keeps
//! every batch within a [`BatchLimit`] of records and payload bytes, so peak memory does
//! not grow with the input, only with the number of workers.

use crate::{Record, RecordError};

/// One item from [`crate::Records`]: a page or a read error.
pub type Item = Result<Record, RecordError>;

/// The most a batch may hold: `records` items and `bytes` bytes of payload. A record
/// bigger than `bytes` on its own travels alone (it is not split); anything else closes
/// the batch before it would pass the byte limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchLimit {
    pub records: usize,
    pub bytes: usize,
}

impl BatchLimit {
    /// Records per worker in a batch: enough to keep a worker busy between hand-overs.
    pub const RECORDS_PER_WORKER: usize = 16;
    /// Payload bytes per worker in a batch.
    pub const BYTES_PER_WORKER: usize = 4 << 20;

    /// The limit for `workers` parallel workers: [`Self::RECORDS_PER_WORKER`] records and
    /// [`Self::BYTES_PER_WORKER`] bytes each.
    pub fn for_workers(workers: usize) -> BatchLimit {
        let workers = workers.max(1);
        BatchLimit {
            records: Self::RECORDS_PER_WORKER.saturating_mul(workers),
            bytes: Self::BYTES_PER_WORKER.saturating_mul(workers),
        }
    }
}

/// Fills batches within a [`BatchLimit`], in input order.
#[derive(Debug)]
pub struct Batcher {
    limit: BatchLimit,
    items: Vec<Item>,
    bytes: usize,
}

impl Batcher {
    pub fn new(limit: BatchLimit) -> Batcher {
        let limit = BatchLimit {
            records: limit.records.max(1),
            bytes: limit.bytes.max(1),
        };
        Batcher {
            limit,
            items: Vec::new(),
            bytes: 0,
        }
    }

    /// Adds `item`; returns a batch when one is complete: the batch so far when `item`
    /// would take it past the byte limit (`item` then starts the next one), or the batch
    /// with `item` when that reaches a limit.
    pub fn push(&mut self, item: Item) -> Option<Vec<Item>> {
        let size = payload_bytes(&item);
        let before = if !self.items.is_empty() && self.bytes.saturating_add(size) > self.limit.bytes
        {
            Some(self.take())
        } else {
            None
        };
        self.bytes = self.bytes.saturating_add(size);
        self.items.push(item);
        if before.is_some() {
            return before;
        }
        let full = self.items.len() >= self.limit.records || self.bytes >= self.limit.bytes;
        full.then(|| self.take())
    }

    /// The batch being filled (possibly empty), leaving the batcher empty.
    pub fn take(&mut self) -> Vec<Item> {
        self.bytes = 0;
        std::mem::take(&mut self.items)
    }

    /// True when no item waits in the batcher.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// The payload bytes an item holds (0 for an error).
pub fn payload_bytes(item: &Item) -> usize {
    item.as_ref().map_or(0, |r| r.body.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(bytes: usize) -> Item {
        Ok(Record {
            body: vec![b'x'; bytes],
            ..Record::default()
        })
    }

    fn failure() -> Item {
        Err(RecordError {
            path: "t".into(),
            offset: 0,
            within: 0,
            message: "bad".into(),
            fatal: false,
        })
    }

    /// Pushes `sizes` (None: a read error) and returns the batches' sizes, the rest last.
    fn batches(limit: BatchLimit, sizes: &[Option<usize>]) -> Vec<Vec<usize>> {
        let mut batcher = Batcher::new(limit);
        let mut out = Vec::new();
        for size in sizes {
            let item = size.map_or_else(failure, page);
            out.extend(batcher.push(item));
        }
        out.push(batcher.take());
        out.iter()
            .map(|b| b.iter().map(payload_bytes).collect())
            .collect()
    }

    #[test]
    fn a_batch_holds_at_most_the_record_limit() {
        let limit = BatchLimit {
            records: 3,
            bytes: 1000,
        };
        let got = batches(limit, &[Some(1); 7]);
        assert_eq!(got, vec![vec![1, 1, 1], vec![1, 1, 1], vec![1]]);
    }

    #[test]
    fn a_batch_closes_before_it_passes_the_byte_limit() {
        let limit = BatchLimit {
            records: 100,
            bytes: 10,
        };
        let sizes = [Some(4), Some(4), Some(4), Some(6), Some(3), None, Some(1)];
        let got = batches(limit, &sizes);
        assert_eq!(got, vec![vec![4, 4], vec![4, 6], vec![3, 0, 1]]);
        for batch in &got {
            assert!(batch.iter().sum::<usize>() <= limit.bytes);
        }
    }

    #[test]
    fn a_record_over_the_byte_limit_travels_alone() {
        let limit = BatchLimit {
            records: 100,
            bytes: 10,
        };
        let got = batches(limit, &[Some(2), Some(50), Some(2)]);
        assert_eq!(got, vec![vec![2], vec![50], vec![2]]);
    }

    #[test]
    fn errors_count_as_records_and_keep_their_place() {
        let limit = BatchLimit {
            records: 2,
            bytes: 10,
        };
        let got = batches(limit, &[None, Some(1), None]);
        assert_eq!(got, vec![vec![0, 1], vec![0]]);
    }

    #[test]
    fn the_limit_grows_with_the_workers() {
        let one = BatchLimit::for_workers(1);
        assert_eq!(one.records, BatchLimit::RECORDS_PER_WORKER);
        assert_eq!(one.bytes, BatchLimit::BYTES_PER_WORKER);
        let four = BatchLimit::for_workers(4);
        assert_eq!(four.records, 4 * one.records);
        assert_eq!(BatchLimit::for_workers(0), one);
    }
}
