package org.tsunagu.node.home;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.protocol.HubId;

class NodeConfigTest {
    @TempDir
    Path dir;

    @Test
    void read_written_roundTrips() throws Exception {
        NodeConfig config = new NodeConfig(
                dir,
                HubId.of("jp-janic"),
                "JANIC",
                "JP",
                "https://janic.example/",
                Map.of("ja", "国際協力NGOセンター"),
                "d",
                null);
        assertFalse(NodeConfig.isInitialised(dir));
        config.write();
        assertTrue(NodeConfig.isInitialised(dir));
        NodeConfig read = NodeConfig.read(dir);
        assertEquals(config, read);
        assertEquals("国際協力NGOセンター", read.profileBody().path("names").path("ja").asText());
    }

    @Test
    void read_unknownMember_namesIt() throws Exception {
        Files.writeString(
                dir.resolve("node.json"),
                "{\"hub\":\"jp-x\",\"name\":\"n\",\"country\":\"JP\",\"url\":\"http://x/\",\"colour\":\"red\"}");
        NodeFileException e = assertThrows(NodeFileException.class, () -> NodeConfig.read(dir));
        assertTrue(e.getMessage().contains("colour"), e.getMessage());
    }

    @Test
    void new_lowerCaseCountryOrFtpUrl_refused() {
        assertThrows(
                IllegalArgumentException.class, () -> NodeConfig.of(dir, HubId.of("jp-x"), "n", "jp", "http://x/"));
        assertThrows(IllegalArgumentException.class, () -> NodeConfig.of(dir, HubId.of("jp-x"), "n", "JP", "ftp://x/"));
    }
}
