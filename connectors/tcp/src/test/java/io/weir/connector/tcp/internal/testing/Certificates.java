package io.weir.connector.tcp.internal.testing;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Key and trust stores made at test time with the JDK's keytool: a server certificate for
 * localhost/127.0.0.1, a client certificate, and one trust store holding both.
 */
public final class Certificates {
    public static final String PASSWORD = "changeit";
    public final File server;
    public final File client;
    public final File trust;

    private Certificates(File server, File client, File trust) {
        this.server = server;
        this.client = client;
        this.trust = trust;
    }

    public static Certificates create(File folder) throws IOException, InterruptedException, GeneralSecurityException {
        File server = new File(folder, "server.p12");
        File client = new File(folder, "client.p12");
        File trust = new File(folder, "trust.p12");
        keypair(server, "server", "CN=localhost", "SAN=ip:127.0.0.1,dns:localhost");
        keypair(client, "client", "CN=client", null);
        // The trust store holds both certificates; made with the KeyStore API, one keytool run fewer each.
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        for (File store : new File[] {server, client}) {
            KeyStore keys = KeyStore.getInstance(store, PASSWORD.toCharArray());
            String alias = keys.aliases().nextElement();
            trusted.setCertificateEntry(alias, keys.getCertificate(alias));
        }
        try (OutputStream out = new FileOutputStream(trust)) {
            trusted.store(out, PASSWORD.toCharArray());
        }
        return new Certificates(server, client, trust);
    }

    /**
     * A server key store (alias {@code server}) whose certificate also names {@code names} made-up hosts, about
     * 20 bytes each: for tests that need a server handshake flight larger than the sockets' buffers.
     */
    public static File largeServer(File folder, int names) throws IOException, InterruptedException {
        File store = new File(folder, "large-server.p12");
        StringBuilder san = new StringBuilder("SAN=ip:127.0.0.1,dns:localhost");
        for (int i = 0; i < names; i++) {
            san.append(",dns:host").append(i).append(".weir.test");
        }
        keypair(store, "server", "CN=localhost", san.toString());
        return store;
    }

    private static void keypair(File store, String alias, String name, String extension)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", name, "-validity", "2", "-storetype", "PKCS12", "-keystore", store.getPath(),
                "-storepass", PASSWORD, "-keypass", PASSWORD));
        if (extension != null) {
            args.add("-ext");
            args.add(extension);
        }
        keytool(args.toArray(new String[0]));
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(new File(System.getProperty("java.home"), "bin/keytool").getPath());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: "
                    + new String(output, StandardCharsets.UTF_8));
        }
    }
}
