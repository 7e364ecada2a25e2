// OtherSigners.java — signs PDFs with two independent Java libraries
// (iText 5 and Apache PDFBox 2, as Debian ships them) so the verifier is
// tried on signatures it did not make: their layouts, their CMS, their
// incremental updates on top of ours.
//
// Usage: java OtherSigners itext|pdfbox P12 PASSWORD-FILE IN OUT [options]
//        java OtherSigners itext-ltv P12 PASSWORD-FILE IN OUT crl=CRL.der
//          (iText adds a DSS with the CRL and certificates for every signature)
//   options: cades (iText: ETSI.CAdES.detached), visible, certify=N (iText),
//            sha1 (PDFBox: adbe.pkcs7.sha1, the CMS wraps a SHA-1 digest),
//            password=TEXT (open IN, an encrypted PDF, with this password: PDFBox
//              takes the user password, iText 5 needs the owner password),
//            field=NAME (iText: sign the existing empty field NAME)
//
// SPDX-License-Identifier: GPL-3.0-or-later
import com.itextpdf.text.Rectangle;
import com.itextpdf.text.pdf.PdfReader;
import com.itextpdf.text.pdf.PdfSignatureAppearance;
import com.itextpdf.text.pdf.PdfStamper;
import com.itextpdf.text.pdf.AcroFields;
import com.itextpdf.text.pdf.security.BouncyCastleDigest;
import com.itextpdf.text.pdf.security.CrlClientOffline;
import com.itextpdf.text.pdf.security.LtvVerification;
import com.itextpdf.text.pdf.security.DigestAlgorithms;
import com.itextpdf.text.pdf.security.MakeSignature;
import com.itextpdf.text.pdf.security.PrivateKeySignature;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureInterface;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

public class OtherSigners {
    private static PrivateKey key;
    private static Certificate[] chain;

    public static void main(String[] args) throws Exception {
        Security.addProvider(new BouncyCastleProvider());
        char[] password = new String(Files.readAllBytes(Paths.get(args[2]))).trim().toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(args[1])) {
            store.load(in, password);
        }
        String alias = store.aliases().nextElement();
        key = (PrivateKey) store.getKey(alias, password);
        chain = store.getCertificateChain(alias);
        Arrays.fill(password, '\0');
        List<String> options = Arrays.asList(args).subList(5, args.length);
        if (args[0].equals("itext"))
            signWithItext(args[3], args[4], options);
        else if (args[0].equals("itext-ltv"))
            addValidationData(args[3], args[4], options);
        else
            signWithPdfbox(args[3], args[4], options.contains("sha1"), optionValue(options, "password=", ""));
    }

    private static String optionValue(List<String> options, String prefix, String otherwise) {
        return options.stream().filter(o -> o.startsWith(prefix)).map(o -> o.substring(prefix.length()))
                .findFirst().orElse(otherwise);
    }

    private static void signWithItext(String in, String out, List<String> options) throws Exception {
        String password = optionValue(options, "password=", null);
        PdfReader reader = password == null ? new PdfReader(in) : new PdfReader(in, password.getBytes("UTF-8"));
        try (FileOutputStream os = new FileOutputStream(out)) {
            PdfStamper stamper = PdfStamper.createSignature(reader, os, '\0', null, true);
            PdfSignatureAppearance appearance = stamper.getSignatureAppearance();
            appearance.setReason("Disetujui (iText)");
            appearance.setLocation("Jakarta");
            String field = "iText" + System.nanoTime();
            String existing = options.stream().filter(o -> o.startsWith("field=")).findFirst().orElse(null);
            if (existing != null)
                appearance.setVisibleSignature(existing.substring(6));
            else if (options.contains("visible"))
                appearance.setVisibleSignature(new Rectangle(300, 600, 520, 680), 1, field);
            else
                appearance.setVisibleSignature(new Rectangle(0, 0, 0, 0), 1, field);
            for (String option : options)
                if (option.startsWith("certify="))
                    appearance.setCertificationLevel(Integer.parseInt(option.substring(8)));
            MakeSignature.CryptoStandard standard = options.contains("cades")
                    ? MakeSignature.CryptoStandard.CADES : MakeSignature.CryptoStandard.CMS;
            MakeSignature.signDetached(appearance, new BouncyCastleDigest(),
                    new PrivateKeySignature(key, DigestAlgorithms.SHA256, "BC"),
                    chain, null, null, null, 0, standard);
        }
    }

    private static void addValidationData(String in, String out, List<String> options) throws Exception {
        String crl = options.stream().filter(o -> o.startsWith("crl=")).findFirst().get().substring(4);
        PdfReader reader = new PdfReader(in);
        try (FileOutputStream os = new FileOutputStream(out)) {
            PdfStamper stamper = new PdfStamper(reader, os, '\0', true);
            LtvVerification ltv = stamper.getLtvVerification();
            AcroFields fields = stamper.getAcroFields();
            for (String name : fields.getSignatureNames())
                ltv.addVerification(name, null, new CrlClientOffline(Files.readAllBytes(Paths.get(crl))),
                        LtvVerification.CertificateOption.WHOLE_CHAIN, LtvVerification.Level.CRL,
                        LtvVerification.CertificateInclusion.YES);
            stamper.close();
        }
    }

    private static boolean wrapSha1;

    private static void signWithPdfbox(String in, String out, boolean sha1, String pdfPassword) throws Exception {
        wrapSha1 = sha1;
        try (PDDocument document = PDDocument.load(new File(in), pdfPassword);
             FileOutputStream os = new FileOutputStream(out)) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(sha1 ? PDSignature.SUBFILTER_ADBE_PKCS7_SHA1
                                        : PDSignature.SUBFILTER_ADBE_PKCS7_DETACHED);
            signature.setName("PDFBox signer");
            signature.setReason("Disetujui (PDFBox)");
            signature.setSignDate(Calendar.getInstance());
            document.addSignature(signature, OtherSigners::cmsOf);
            document.saveIncremental(os);
        }
    }

    private static byte[] cmsOf(InputStream content) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            content.transferTo(bytes);
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().build())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(key),
                           (X509Certificate) chain[0]));
            generator.addCertificates(new JcaCertStore(Arrays.asList(chain)));
            if (wrapSha1) {
                byte[] digest = java.security.MessageDigest.getInstance("SHA-1").digest(bytes.toByteArray());
                return generator.generate(new CMSProcessableByteArray(digest), true).getEncoded();
            }
            return generator.generate(new CMSProcessableByteArray(bytes.toByteArray()), false).getEncoded();
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }
}
