package sqlstore_test

import (
	"context"
	"testing"

	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

func TestReceivedRange(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		first, last, err := db.ReceivedRange(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if first != (calendar.Date{}) || last != (calendar.Date{}) {
			t.Errorf("an empty store: %s to %s, want zero dates", first, last)
		}
		learningFixture(t, db) // received from 3 November 2014 to 5 March 2015
		if first, last, err = db.ReceivedRange(ctx); err != nil {
			t.Fatal(err)
		}
		if first != d("2014-11-03") || last != d("2015-03-05") {
			t.Errorf("got %s to %s, want 2014-11-03 to 2015-03-05", first, last)
		}
	})
}
