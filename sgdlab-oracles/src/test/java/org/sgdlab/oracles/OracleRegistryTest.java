package org.sgdlab.oracles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OracleRegistryTest {

    @Test
    void keepsTheOrderOfAdditionAndRefusesADuplicateName() {
        OracleRegistry r = new OracleRegistry();
        OracleEntry b = OracleCatalog.entry("svm");
        OracleEntry a = OracleCatalog.entry("min-norm");
        r.add(b);
        r.add(a);
        assertEquals(List.of("svm", "min-norm"), r.names());
        assertEquals(List.of(b, a), r.all());
        assertSame(a, r.find("min-norm"));
        assertNull(r.find("simplex"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.add(a));
        assertTrue(e.getMessage().contains("min-norm"), e.getMessage());
        assertEquals(List.of("svm", "min-norm"), r.names(), "a refused entry changes nothing");
    }
}
