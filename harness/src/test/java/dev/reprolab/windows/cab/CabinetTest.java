package dev.reprolab.windows.cab;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.testng.annotations.Test;

public class CabinetTest {

    @Test
    public void roundTripsFilesAcrossSeveralDataBlocks() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] big = new byte[100_000];
        new Random(1).nextBytes(big);
        files.put("a.txt", "hello".getBytes(StandardCharsets.US_ASCII));
        files.put("big.bin", big);
        byte[] cab = Cabinet.write(files);
        assertEquals(new String(cab, 0, 4, StandardCharsets.US_ASCII), "MSCF");
        Map<String, byte[]> back = Cabinet.read(cab);
        assertEquals(back.keySet(), files.keySet());
        assertEquals(back.get("big.bin"), big);
    }

    @Test
    public void standInMsuHoldsTheUpdateCabNamingItsKb() {
        Map<String, byte[]> msu = Cabinet.read(StandInPackage.msu("KB4338818", "2018-07 rollup"));
        assertTrue(msu.containsKey("Windows6.1-KB4338818-x64.cab"));
        assertTrue(msu.containsKey("WSUSSCAN.cab"));
        assertEquals(StandInPackage.kbOfUpdateCab(msu.get("Windows6.1-KB4338818-x64.cab")).orElseThrow(), "KB4338818");
    }

    @Test
    public void damagedCabinetsAreRefused() {
        byte[] cab = StandInPackage.msu("KB4345459", "fix");
        byte[] cut = java.util.Arrays.copyOf(cab, cab.length - 10);
        expectThrows(IllegalArgumentException.class, () -> Cabinet.read(cut));
        byte[] bad = cab.clone();
        bad[0] = 'X';
        expectThrows(IllegalArgumentException.class, () -> Cabinet.read(bad));
    }
}
