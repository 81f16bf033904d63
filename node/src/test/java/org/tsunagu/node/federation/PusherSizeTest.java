package org.tsunagu.node.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PusherSizeTest {
    @Test
    void utf8Length_isTheEncodedLength_forEveryWidthOfCharacter() {
        for (String s : new String[] {"", "{\"name\":\"JANIC\"}", "Café", "国際協力NGOセンター", "𠮷野家 🙂", "ไทย"}) {
            assertEquals(s.getBytes(StandardCharsets.UTF_8).length, Pusher.utf8Length(s), s);
        }
    }
}
