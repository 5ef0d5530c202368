package dev.glancemigrator.events.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectDigestsTest {

    private static final int OBJECT = 16;

    @Test
    void eachObjectDigestsItsBytesWithHolesAsZeros() throws Exception {
        byte[] image = new byte[40]; // objects of 16, 16 and 8 bytes
        Arrays.fill(image, 4, 10, (byte) 7);
        Arrays.fill(image, 33, 36, (byte) 9);
        ObjectDigests digests = new ObjectDigests("SHA-256", OBJECT, image.length);
        digests.add(4, Arrays.copyOfRange(image, 4, 10), 6);
        digests.add(33, Arrays.copyOfRange(image, 33, 36), 3);

        assertEquals(List.of(sha256(image, 0, 16), sha256(image, 16, 32), sha256(image, 32, 40)), digests.finish());
    }

    @Test
    void anImageWithNoDataDigestsZerosPerObject() throws Exception {
        ObjectDigests digests = new ObjectDigests("SHA-256", OBJECT, 20);
        assertEquals(List.of(sha256(new byte[16], 0, 16), sha256(new byte[4], 0, 4)), digests.finish());
    }

    @Test
    void zeroByteImageHasNoObjects() {
        assertEquals(List.of(), new ObjectDigests("SHA-256", OBJECT, 0).finish());
    }

    @Test
    void dataAcrossAnObjectBoundaryIsRejected() {
        ObjectDigests digests = new ObjectDigests("SHA-256", OBJECT, 40);
        assertThrows(IllegalArgumentException.class, () -> digests.add(10, new byte[10], 10));
    }

    @Test
    void manifestDigestIsTheSha256OfOneDigestPerLine() throws Exception {
        byte[] rendered = ObjectDigests.render(List.of("aa", "bb"));
        assertEquals("aa\nbb\n", new String(rendered, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(sha256(rendered, 0, rendered.length), ObjectDigests.digestOf(rendered));
    }

    private static String sha256(byte[] data, int from, int to) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(data, from, to - from);
        return HexFormat.of().formatHex(digest.digest());
    }
}
