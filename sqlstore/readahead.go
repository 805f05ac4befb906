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
// each has had every record read, as Records gives rows it could read with
// the problems of those it could not.
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
		if len(batch) > 0 && !errors.Is(err, errStopped) {
			send()
		}
		read <- err
	}()
	var err error
	for batch := range batches {
		if err = ctx.Err(); err == nil {
			err = each(batch)
		}
		if err != nil {
			close(stop)
			for range batches { // until the reading has stopped
			}
			return err
		}
	}
	return <-read
}
