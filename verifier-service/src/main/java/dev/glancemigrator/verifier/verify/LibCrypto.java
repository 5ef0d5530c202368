package dev.glancemigrator.verifier.verify;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.util.Optional;

/**
 * The EVP digest calls of OpenSSL's libcrypto 3 (openssl/evp.h). librados2 depends on libssl3, so
 * wherever the verifier can reach Ceph, libcrypto.so.3 is installed.
 */
interface LibCrypto extends Library {

    /** The library, or empty when it cannot be loaded (the JDK's digests serve then). */
    static Optional<LibCrypto> load() {
        try {
            return Optional.of(Native.load("libcrypto.so.3", LibCrypto.class));
        } catch (UnsatisfiedLinkError e) {
            return Optional.empty();
        }
    }

    Pointer EVP_get_digestbyname(String name);

    Pointer EVP_MD_CTX_new();

    void EVP_MD_CTX_free(Pointer context);

    int EVP_DigestInit_ex(Pointer context, Pointer type, Pointer engine);

    int EVP_DigestUpdate(Pointer context, Pointer data, long count);

    int EVP_DigestFinal_ex(Pointer context, byte[] digest, IntByReference length);
}
