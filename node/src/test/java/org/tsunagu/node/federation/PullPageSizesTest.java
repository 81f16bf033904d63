package org.tsunagu.node.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A pull starts with small pages (storing one overlaps fetching the next) and doubles up to the setting. */
class PullPageSizesTest {
    @Test
    void at_rampsFromTheFirstPageToTheConfiguredPage() {
        Puller.PageSizes sizes = new Puller.PageSizes(10_000, 1_000);
        assertEquals(Puller.FIRST_PAGE, sizes.at(10_000));
        assertEquals(Puller.FIRST_PAGE, sizes.at(10_000 + Puller.FIRST_PAGE));
        assertEquals(500, sizes.at(10_500));
        assertEquals(1_000, sizes.at(11_000));
        assertEquals(1_000, sizes.at(50_000));
    }

    @Test
    void at_neverAsksForMoreThanTheConfiguredPage() {
        Puller.PageSizes small = new Puller.PageSizes(0, 100);
        assertEquals(100, small.at(0));
        assertEquals(100, small.at(7_000));
    }
}
