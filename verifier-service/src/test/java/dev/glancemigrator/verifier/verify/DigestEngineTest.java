package dev.glancemigrator.verifier.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.sun.jna.Memory;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DigestEngineTest {

    @Test
    void sha512IsComputedByLibcryptoWhereCephIsInstalled() {
        assertInstanceOf(DigestEngine.LibCryptoEngine.class, DigestEngine.of("sha512", "SHA-512"));
    }

    @Test
    void libcryptoMatchesAKnownSha512() {
        DigestEngine engine = DigestEngine.of("sha512", "SHA-512");
        byte[] abc = {'a', 'b', 'c'};
        Memory data = new Memory(abc.length);
        data.write(0, abc, 0, abc.length);
        engine.update(data, abc, abc.length);
        assertEquals("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f", HexFormat.of().formatHex(engine.finish()));
    }

    /** Chunks and holes as an image has them: both engines give what the JDK gives over the same bytes. */
    @ParameterizedTest
    @CsvSource({"sha512, SHA-512", "sha256, SHA-256", "md5, MD5", "sha3_256, SHA3-256"})
    void bothEnginesGiveTheDigestOfChunksAndHolesInOrder(String glanceName, String javaName) throws Exception {
        byte[] chunk = new byte[3 * 1024 * 1024 + 17];
        new Random(11).nextBytes(chunk);
        Memory nativeChunk = new Memory(chunk.length);
        nativeChunk.write(0, chunk, 0, chunk.length);
        long hole = 2L * DigestEngine.ZERO_FEED_BYTES + 5;

        MessageDigest expected = MessageDigest.getInstance(javaName);
        expected.update(new byte[(int) hole]);
        expected.update(chunk);
        expected.update(new byte[7]);
        byte[] want = expected.digest();

        for (DigestEngine engine : new DigestEngine[] {DigestEngine.of(glanceName, javaName),
                new DigestEngine.JdkEngine(javaName)}) {
            engine.zeros(hole);
            engine.update(nativeChunk, chunk, chunk.length);
            engine.zeros(7);
            assertArrayEquals(want, engine.finish(), engine.getClass().getSimpleName());
        }
    }
}
