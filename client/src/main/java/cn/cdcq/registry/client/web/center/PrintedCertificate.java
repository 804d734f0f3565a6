package cn.cdcq.registry.client.web.center;

/**
 * What a certificate PDF shows: the ledger's facts, the name of the occupation as the center
 * prints it (the ledger holds its code only), and the holder as masked by their choice. Exists
 * only in memory at the training center desk, between issue and hand-out.
 *
 * @param verificationLink the QR code's target: the verification page of this number, with the
 *                         holder's salt in the URL fragment
 * @param photo            the holder's photo (JPEG or PNG, checked by {@link CertificatePhoto}), or null
 */
public record PrintedCertificate(String number, String occupation, String occupationName, int level, String centerId,
                                 String centerName, String region, String issueDate, String expiryDate,
                                 String holderName, String holderIdNumber, String verificationLink, byte[] photo) {

    /** Without a photo. */
    public PrintedCertificate(String number, String occupation, String occupationName, int level, String centerId,
                              String centerName, String region, String issueDate, String expiryDate,
                              String holderName, String holderIdNumber, String verificationLink) {
        this(number, occupation, occupationName, level, centerId, centerName, region, issueDate, expiryDate, holderName,
                holderIdNumber, verificationLink, null);
    }

    public PrintedCertificate withPhoto(byte[] picture) {
        return new PrintedCertificate(number, occupation, occupationName, level, centerId, centerName, region, issueDate,
                expiryDate, holderName, holderIdNumber, verificationLink, picture);
    }

    @Override
    public String toString() {
        return "PrintedCertificate[" + number + ", holder withheld]";
    }
}
