package cn.cdcq.registry.client.fabric;

import com.google.protobuf.Any;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Fabric gateway's errors as the codes the service answers with: the texts are the ones the
 * gateway of Fabric 2.5 sends (internal/pkg/gateway/api.go) and the ones seen on the fault network.
 */
class LedgerExceptionTest {

    static final String TX = "CertificateContract:Issue";

    /** A gateway error as the client library receives it: a gRPC status with ErrorDetail entries. */
    static StatusRuntimeException gatewayError(Status.Code code, String message, ErrorDetail... details) {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder().setCode(code.value()).setMessage(message);
        for (ErrorDetail d : details) {
            status.addDetails(Any.pack(d));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }

    static ErrorDetail detail(String address, String msp, String message) {
        return ErrorDetail.newBuilder().setAddress(address).setMspId(msp).setMessage(message).build();
    }

    static LedgerException submit(StatusRuntimeException e) {
        return LedgerException.from(LedgerException.SUBMIT, TX, new SubmitException("tx1", e));
    }

    static LedgerException endorse(StatusRuntimeException e) {
        return LedgerException.from(LedgerException.ENDORSE, TX, new EndorseException("tx1", e));
    }

    @Test
    void noOrdererTakingTheTransactionNamesTheOrderingServiceAndIsRetryable() {
        LedgerException e = submit(gatewayError(Status.Code.UNAVAILABLE, "no orderers could successfully process transaction",
                detail("127.0.0.1:29050", "OrdererMSP", "rpc error: code = Unavailable desc = connection error: connection refused"),
                detail("127.0.0.1:29051", "OrdererMSP", "rpc error: code = Unavailable desc = connection error: connection refused")));
        assertThat(e.code()).isEqualTo(LedgerException.ORDERER_UNAVAILABLE);
        assertThat(e.getMessage()).contains("the ordering service").contains("127.0.0.1:29050 (OrdererMSP)")
                .doesNotContain("the peer cannot be reached");
        assertThat(e.unavailable()).isTrue();
    }

    @Test
    void aSubmitTimeoutWhileBroadcastingIsTheOrderingServiceNotABusyPeer() {
        LedgerException e = submit(gatewayError(Status.Code.DEADLINE_EXCEEDED,
                "submit timeout expired while broadcasting to ordering service"));
        assertThat(e.code()).isEqualTo(LedgerException.ORDERER_UNAVAILABLE);
        assertThat(e.getMessage()).contains("the ordering service");
        // This client's own submit deadline passing: the gateway was waiting for the orderers.
        LedgerException own = submit(new StatusRuntimeException(Status.DEADLINE_EXCEEDED.withDescription(
                "deadline exceeded after 4.999s")));
        assertThat(own.code()).isEqualTo(LedgerException.ORDERER_UNAVAILABLE);
    }

    @Test
    void theGatewayPeerItselfNotAnsweringASubmitStaysPeerUnavailable() {
        LedgerException e = submit(new StatusRuntimeException(Status.UNAVAILABLE.withDescription("io exception")));
        assertThat(e.code()).isEqualTo(LedgerException.PEER_UNAVAILABLE);
        assertThat(e.getMessage()).contains("the peer cannot be reached");
    }

    @Test
    void anOrdererThatDoesNotServeTheChannelYetIsTheOrderingServiceAndRetryable() {
        // A new node at a lost orderer's address, started but not yet joined (fault case 16).
        LedgerException joining = submit(gatewayError(Status.Code.ABORTED, "received unsuccessful response from orderer:"
                + " status=BAD_REQUEST, info=channel creation request not allowed because the orderer system channel is not defined"));
        assertThat(joining.code()).isEqualTo(LedgerException.ORDERER_UNAVAILABLE);
        assertThat(joining.unavailable()).isTrue();
        LedgerException noLeader = submit(gatewayError(Status.Code.ABORTED,
                "received unsuccessful response from orderer: status=SERVICE_UNAVAILABLE, info=no Raft leader"));
        assertThat(noLeader.code()).isEqualTo(LedgerException.ORDERER_UNAVAILABLE);
    }

    @Test
    void anOrdererRefusingTheTransactionAsMalformedIsNotRetryable() {
        LedgerException e = submit(gatewayError(Status.Code.ABORTED,
                "received unsuccessful response from orderer: status=BAD_REQUEST, info=envelope too large"));
        assertThat(e.code()).isEqualTo("SUBMIT_FAILED");
        assertThat(e.unavailable()).isFalse();
    }

    @Test
    void anEndorserThatCannotBeReachedIsPeerUnavailableNamingIt() {
        LedgerException e = endorse(gatewayError(Status.Code.ABORTED,
                "failed to collect enough transaction endorsements, see attached details for more info",
                detail("127.0.0.1:29151", "ChongqingMSP", "rpc error: code = Unavailable desc = connection error: desc = "
                        + "\"transport: Error while dialing: dial tcp 127.0.0.1:29151: connect: connection refused\"")));
        assertThat(e.code()).isEqualTo(LedgerException.PEER_UNAVAILABLE);
        assertThat(e.getMessage()).contains("the endorsing peer 127.0.0.1:29151 (ChongqingMSP)");
        assertThat(e.unavailable()).isTrue();
    }

    @Test
    void noPeersLeftForTheEndorsementPolicyIsPeerUnavailableToo() {
        // What the requests after the first get once the gateway has dropped the dead endorser (seen
        // on the fault network with Chongqing's peer killed, AND policy); it was 502 ENDORSE_FAILED.
        LedgerException e = endorse(new StatusRuntimeException(Status.FAILED_PRECONDITION.withDescription(
                "no combination of peers can be derived which satisfy the endorsement policy: "
                        + "no peer combination can satisfy the endorsement policy []")));
        assertThat(e.code()).isEqualTo(LedgerException.PEER_UNAVAILABLE);
        assertThat(e.getMessage()).contains("endorsement policy").contains("retry");
        assertThat(e.unavailable()).isTrue();
    }

    @Test
    void aPeerThatCannotReachItsChaincodeServerIsChaincodeUnavailable() {
        LedgerException e = endorse(gatewayError(Status.Code.ABORTED,
                "failed to endorse transaction, see attached details for more info",
                detail("127.0.0.1:29101", "ChengduMSP", "chaincode response 500, error in simulation: failed to execute "
                        + "transaction 8f3a: could not launch chaincode registry_1.0:ab12: connection to 127.0.0.1:29105 failed")));
        assertThat(e.code()).isEqualTo(LedgerException.CHAINCODE_UNAVAILABLE);
        assertThat(e.getMessage()).contains("the chaincode server of 127.0.0.1:29101 (ChengduMSP)");
        assertThat(e.unavailable()).isTrue();
    }

    @Test
    void theChaincodesOwnRefusalKeepsItsCode() {
        LedgerException e = endorse(gatewayError(Status.Code.ABORTED, "failed to endorse transaction",
                detail("127.0.0.1:29101", "ChengduMSP", "chaincode response 500, ALREADY_EXISTS: certificate S1 exists")));
        assertThat(e.code()).isEqualTo("ALREADY_EXISTS");
        assertThat(e.getMessage()).isEqualTo("certificate S1 exists");
        assertThat(e.unavailable()).isFalse();
    }

    @Test
    void endorsementsThatDisagreeAreAnEndorseFailureNotAnOutage() {
        LedgerException e = endorse(gatewayError(Status.Code.ABORTED, "failed to collect enough transaction endorsements",
                detail("127.0.0.1:29101", "ChengduMSP", "ProposalResponsePayloads do not match"),
                detail("127.0.0.1:29151", "ChongqingMSP", "rpc error: code = Unavailable desc = connection error")));
        assertThat(e.code()).isEqualTo("ENDORSE_FAILED");
        assertThat(e.unavailable()).isFalse();
    }

    @Test
    void anEndorsementTimeoutIsBusy() {
        LedgerException e = endorse(gatewayError(Status.Code.DEADLINE_EXCEEDED,
                "endorsement timeout expired while collecting endorsements"));
        assertThat(e.code()).isEqualTo(LedgerException.BUSY);
        assertThat(e.unavailable()).isTrue();
    }

    /** The texts RevocationIT saw on the real network (Fabric 2.5.9) for a revoked identity. */
    @Test
    void aRevokedIdentityIsRefusedWithItsOwnCodeAnd403NotABadGateway() {
        String denied = "error validating proposal: access denied: channel [laborchannel] creator org [ChengduMSP]";
        LedgerException endorse = endorse(gatewayError(Status.Code.ABORTED,
                "failed to endorse transaction, see attached details for more info", detail("127.0.0.1:30300", "ChengduMSP", denied)));
        LedgerException evaluate = LedgerException.from("EVALUATE_FAILED", TX, new org.hyperledger.fabric.client.GatewayException(
                gatewayError(Status.Code.FAILED_PRECONDITION, "evaluate call to endorser returned error: " + denied,
                        detail("127.0.0.1:30300", "ChengduMSP", denied))));
        for (LedgerException e : java.util.List.of(endorse, evaluate)) {
            assertThat(e.code()).isEqualTo(LedgerException.IDENTITY_REFUSED);
            assertThat(e.httpStatus()).isEqualTo(403);
            assertThat(e.unavailable()).isFalse();
            assertThat(e.getMessage()).contains("revoked").contains("access denied");
        }
    }

    /** The other region's peer refusing an expired identity, as the gateway reports it (seen by RevocationIT). */
    @Test
    void anExpiredIdentityIsRefusedWithItsOwnCodeNotAPeerOutage() {
        LedgerException e = endorse(gatewayError(Status.Code.ABORTED,
                "failed to collect enough transaction endorsements, see attached details for more info",
                detail("127.0.0.1:30310", "ChongqingMSP", "rpc error: code = Unknown desc = proposal client identity expired")));
        assertThat(e.code()).isEqualTo(LedgerException.IDENTITY_EXPIRED);
        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.unavailable()).isFalse();
        LedgerException orderer = submit(gatewayError(Status.Code.ABORTED,
                "received unsuccessful response from orderer: status=FORBIDDEN, info=broadcast client identity expired"));
        assertThat(orderer.code()).isEqualTo(LedgerException.IDENTITY_EXPIRED);
    }

    @Test
    void anExpiredCertificateIsRefusedBeforeTheCall() throws Exception {
        var pair = java.security.KeyPairGenerator.getInstance("EC");
        pair.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        var keys = pair.generateKeyPair();
        java.time.Instant notAfter = java.time.Instant.parse("2026-01-01T00:00:00Z");
        var name = new org.bouncycastle.asn1.x500.X500Name("CN=expiring");
        var cert = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(
                new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(name, java.math.BigInteger.ONE,
                        java.util.Date.from(notAfter.minusSeconds(3600)), java.util.Date.from(notAfter), name, keys.getPublic())
                        .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        MspIdentity id = new MspIdentity("ChengduMSP", cert, keys.getPrivate());
        UserGateways.refuseExpired("cd-bureau-1", id, notAfter); // valid through its last second
        LedgerException e = org.assertj.core.api.Assertions.catchThrowableOfType(LedgerException.class,
                () -> UserGateways.refuseExpired("cd-bureau-1", id, notAfter.plusSeconds(1)));
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(LedgerException.IDENTITY_EXPIRED);
        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.getMessage()).contains("cd-bureau-1").contains("2026-01-01T00:00:00Z");
    }
}
