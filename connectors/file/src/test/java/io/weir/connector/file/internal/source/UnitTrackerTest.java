package io.weir.connector.file.internal.source;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class UnitTrackerTest {

    @Test
    public void commitsTheLongestAcknowledgedPrefixWhateverTheOrderOfAcks() {
        UnitTracker tracker = new UnitTracker(100, 16);
        long a = tracker.emit(110, true);
        long b = tracker.emit(120, true);
        long c = tracker.emit(130, true);
        assertEquals(100, tracker.committed());
        tracker.ack(c);
        tracker.ack(b);
        assertEquals("a is still in flight", 100, tracker.committed());
        tracker.ack(a);
        assertEquals(130, tracker.committed());
        assertTrue(tracker.settled());
    }

    @Test
    public void aFailureRewindsToTheStartOfTheFailedUnitAndStaleOutcomesAreIgnored() {
        UnitTracker tracker = new UnitTracker(0, 16);
        long a = tracker.emit(10, true);
        long b = tracker.emit(20, true);
        long c = tracker.emit(30, true);
        tracker.ack(a);
        assertTrue(tracker.fail(c));
        assertTrue(tracker.fail(b));
        assertFalse("a failed unit does not fail twice", tracker.fail(b));
        tracker.ack(b);
        assertEquals("a failed unit is never acknowledged later", 10, tracker.committed());
        assertEquals(10, tracker.takeRewind());
        assertEquals(-1, tracker.takeRewind());
        // Read again: same offsets, a new epoch.
        long b2 = tracker.emit(20, true);
        assertNotEquals(b, b2);
        tracker.ack(b);
        tracker.fail(c);
        assertEquals("outcomes of the copies read before the rewind do not count", 10, tracker.committed());
        assertEquals(-1, tracker.takeRewind());
        tracker.ack(b2);
        assertEquals(20, tracker.committed());
    }

    @Test
    public void aRecordInPiecesIsOneUnitThatCommitsOnlyWhenComplete() {
        UnitTracker tracker = new UnitTracker(0, 2);
        long whole = tracker.emit(5, true);
        long piece1 = tracker.emit(21, false);
        long piece2 = tracker.emit(37, false);
        assertTrue("an open unit can always grow", tracker.canEmit());
        long last = tracker.emit(40, true);
        assertEquals(2, tracker.inFlight());
        assertFalse(tracker.canEmit());
        tracker.ack(whole);
        assertEquals(5, tracker.committed());
        tracker.ack(last);
        assertEquals(40, tracker.committed());
        assertTrue(piece1 != piece2 && piece2 != last);
    }

    @Test
    public void anOutcomeForAnEarlierPieceSettlesTheRecordOnceItIsComplete() {
        // The splitter reports a too-long record while its pieces still come; its end brings no event.
        UnitTracker tracker = new UnitTracker(0, 4);
        long piece = tracker.emit(16, false);
        tracker.ack(piece);
        assertEquals("still open", 0, tracker.committed());
        tracker.emit(20, true);
        assertEquals(20, tracker.committed());
    }

    @Test
    public void aFailedPieceRewindsToTheStartOfTheRecord() {
        UnitTracker tracker = new UnitTracker(0, 4);
        tracker.ack(tracker.emit(3, true));
        long piece = tracker.emit(19, false);
        tracker.emit(25, true);
        assertTrue(tracker.fail(piece));
        assertEquals(3, tracker.takeRewind());
        assertEquals(0, tracker.inFlight());
    }

    @Test
    public void aRecordCutShortByTheEndOfTheFileIsCompletedWithoutAnotherByte() {
        UnitTracker tracker = new UnitTracker(0, 4);
        long piece = tracker.emit(16, false);
        tracker.completeOpen();
        tracker.ack(piece);
        assertEquals(16, tracker.committed());
    }

    @Test
    public void boundsUnitsInFlightAndGrowsItsStorageUpToThem() {
        UnitTracker tracker = new UnitTracker(0, 3000);
        long[] tokens = new long[3000];
        for (int i = 0; i < 3000; i++) {
            tokens[i] = tracker.emit(i + 1, true);
        }
        assertFalse(tracker.canEmit());
        for (int i = 2999; i >= 1; i--) {
            tracker.ack(tokens[i]);
        }
        assertEquals(0, tracker.committed());
        tracker.ack(tokens[0]);
        assertEquals(3000, tracker.committed());
        assertTrue(tracker.canEmit());
    }

    @Test
    public void unknownTokensAreIgnored() {
        UnitTracker tracker = new UnitTracker(0, 4);
        long a = tracker.emit(10, true);
        tracker.ack(a + 1);
        tracker.ack(5);
        assertFalse(tracker.fail(99));
        assertEquals(0, tracker.committed());
        tracker.ack(a);
        tracker.ack(a);
        assertEquals(10, tracker.committed());
    }

    @Test
    public void aRestoredTrackerSettlesThePredecessorsUnitsAndRejectsAStateItCannotRead() {
        UnitTracker before = new UnitTracker(100, 16);
        long a = before.emit(110, true);
        long piece = before.emit(115, false);
        before.ack(a);
        UnitTracker after = UnitTracker.restore(before.state(), 16);
        assertEquals(110, after.committed());
        long whole = after.emit(125, true);
        assertNotEquals(piece, whole);
        after.ack(piece);
        assertEquals("an earlier piece's outcome belongs to the unit the record grew into", 125, after.committed());
        assertTrue(after.settled());

        assertNull(UnitTracker.restore(java.util.Map.of("base", 1L), 16));
        assertNull("more in flight than allowed", UnitTracker.restore(before.state(), 0));
    }
}
