package cn.cdcq.registry.client.certificate;

import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.privacy.Holder;

/**
 * What a worker presents to prove a certificate is theirs: name, resident ID number and the salt
 * from their portable credential. Only the commitment computed from them is sent to the ledger.
 *
 * @param name             as on the ID card
 * @param residentIdNumber GB 11643-1999
 * @param saltHex          the salt the certificate's commitment was made with, hex
 */
public record HolderPresentation(String name, String residentIdNumber, String saltHex) {

    /** SHA-256(salt || canonical holder details), as the certificate's {@code holderCommitment}. */
    public String commitment() {
        return Holder.commitment(Hashes.fromHex(saltHex), new Holder.HolderDetails(name, residentIdNumber));
    }

    @Override
    public String toString() {
        return "HolderPresentation[details withheld]";
    }
}
