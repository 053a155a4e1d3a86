package dev.reprolab.sim.guest.tools.ps;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/** System.Security.Cryptography hash algorithms: ComputeHash over bytes or a stream, TransformBlock/TransformFinalBlock, Hash, HashSize. */
final class HashObject implements DotNetObject {

    private final String algorithm;
    private final String typeName;
    private byte[] last;
    /** The hash in progress between TransformBlock calls (a streamed hash: one pass over a file that is being sent). */
    private MessageDigest running;

    HashObject(String algorithm, String typeName) {
        this.algorithm = algorithm;
        this.typeName = "System.Security.Cryptography." + typeName;
    }

    static StaticMembers.StaticType factory(String algorithm, String impl) {
        return (ev, n, a) -> n.equals("create") ? new HashObject(algorithm, impl) : NONE;
    }

    static Object byName(String name) {
        return switch (name.toUpperCase(java.util.Locale.ROOT).replace("-", "")) {
            case "SHA256" -> new HashObject("SHA-256", "SHA256Managed");
            case "SHA1" -> new HashObject("SHA-1", "SHA1CryptoServiceProvider");
            case "MD5" -> new HashObject("MD5", "MD5CryptoServiceProvider");
            case "SHA512" -> new HashObject("SHA-512", "SHA512Managed");
            case "SHA384" -> new HashObject("SHA-384", "SHA384Managed");
            default -> null;
        };
    }

    @Override
    public String typeName() {
        return typeName;
    }

    @Override
    public Object property(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "hash" -> last == null ? null : last.clone();
            case "hashsize" -> digest().getDigestLength() * 8;
            default -> NONE;
        };
    }

    private MessageDigest digest() {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Object call(String name, List<Object> a) {
        switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "computehash" -> {
                MessageDigest md = digest();
                if (a.get(0) instanceof PsFileStream fs) {
                    byte[] buf = new byte[1 << 16];
                    for (int k; (k = fs.read(buf, 0, buf.length)) > 0; ) {
                        md.update(buf, 0, k);
                    }
                } else if (a.get(0) instanceof StreamObjects.MemoryStreamObject ms) {
                    md.update(ms.toArray());
                } else {
                    byte[] b = FileStreamMembers.bytes(a.get(0));
                    if (a.size() == 3) {
                        md.update(b, PsConvert.toInt(a.get(1)), PsConvert.toInt(a.get(2)));
                    } else {
                        md.update(b);
                    }
                }
                last = md.digest();
                return last.clone();
            }
            case "transformblock" -> {
                FileStreamMembers.arity(name, a, 5);
                byte[] in = FileStreamMembers.bytes(a.get(0));
                int off = PsConvert.toInt(a.get(1));
                int n = PsConvert.toInt(a.get(2));
                if (running == null) {
                    running = digest();
                }
                running.update(in, off, n);
                byte[] out = a.get(3) == null ? null : FileStreamMembers.bytes(a.get(3));
                if (out != null && out != in) {
                    System.arraycopy(in, off, out, PsConvert.toInt(a.get(4)), n);
                }
                return n;
            }
            case "transformfinalblock" -> {
                FileStreamMembers.arity(name, a, 3);
                byte[] in = FileStreamMembers.bytes(a.get(0));
                int off = PsConvert.toInt(a.get(1));
                int n = PsConvert.toInt(a.get(2));
                if (running == null) {
                    running = digest();
                }
                running.update(in, off, n);
                last = running.digest();
                running = null;
                return java.util.Arrays.copyOfRange(in, off, off + n);
            }
            case "clear", "dispose" -> {
                return PsConvert.VOID;
            }
            default -> {
                return NONE;
            }
        }
    }

    @Override
    public String toString() {
        return typeName;
    }
}
