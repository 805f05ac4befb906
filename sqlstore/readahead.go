package sqlstore

import (
	"context"
	"errors"

	"github.com/heedhq/heed"
)

// numbered is a record of an import, with its row in the file.
type numbered struct {
	rec *heed.Record
	row int
}

// errStopped ends a reading whose batches are no longer wanted.
var errStopped = errors.New("import: reading stopped")

// readAhead reads src in a goroutine of its own, each record made ready by
// prepare, and passes it to each a batch at a time: the next batch is read
// while each works on this one, so that on two processors the reading (a
// third of an import's work) and the checking or writing overlap. It returns
// each's first error, having stopped the reading; else the reading's, once
// each has had every record read (when the reading found rows it could not
// read) or those before the failure's batch (when it failed otherwise).
func readAhead(ctx context.Context, src heed.ImportSource, prepare func(*heed.Record), each func([]numbered) error) error {
	batches := make(chan []numbered, 1)
	stop := make(chan struct{})
	read := make(chan error, 1)
	go func() {
		defer close(batches)
		batch := make([]numbered, 0, importBatch)
		send := func() bool {
			select {
			case batches <- batch:
				batch = make([]numbered, 0, importBatch) // the batch sent is each's
				return true
			case <-stop:
				return false
			}
		}
		err := src.Records(func(rec *heed.Record, row int) error {
			prepare(rec)
			if batch = append(batch, numbered{rec, row}); len(batch) == importBatch && !send() {
				return errStopped
			}
			return nil
		})
		// The rows read before a row that could not be read are each's, to
		// be checked; not those read before any other failure, such as a
		// file found changed at the end of its second reading, which would
		// be written unchecked.
		if len(batch) > 0 && (err == nil || heed.ErrorProblems(err) != nil) {
			send()
		}
		read <- err
	}()
	defer func() { // however each ends, even by a panic: the reading stops
		close(stop)
		for range batches {
		}
	}()
	for batch := range batches {
		err := ctx.Err()
		if err == nil {
			err = each(batch)
		}
		if err != nil {
			return err
		}
	}
	return <-read
}
