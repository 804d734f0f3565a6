package cn.cdcq.registry.chaincode.certificate;

import cn.cdcq.registry.chaincode.testing.EmittedEvent;
import cn.cdcq.registry.chaincode.testing.TestIdentities;
import cn.cdcq.registry.chaincode.testing.TestIdentity;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.certificate.CenterCertificate;
import cn.cdcq.registry.common.certificate.CenterCertificatePage;
import cn.cdcq.registry.common.certificate.CertificateClaims;
import cn.cdcq.registry.common.certificate.CertificateStatus;
import cn.cdcq.registry.common.certificate.CertificateStatusRequest;
import cn.cdcq.registry.common.json.Json;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static cn.cdcq.registry.chaincode.certificate.CertificateWorld.CD_CENTER;
import static cn.cdcq.registry.chaincode.certificate.CertificateWorld.CD_MSP;
import static cn.cdcq.registry.chaincode.certificate.CertificateWorld.CQ_CENTER;
import static cn.cdcq.registry.chaincode.certificate.CertificateWorld.claims;
import static org.assertj.core.api.Assertions.assertThat;

/** A center's list of its certificates, and a center's requests that its bureau suspend or revoke one. */
class CenterCertificatesTest {

    private final CertificateWorld world = new CertificateWorld();
    private final CertificateContract contract = world.certificates;

    private CenterCertificatePage page(String center, String status, int size, String from) {
        return Json.read(world.network.<String>evaluate(world.cqInspector, ctx -> contract.listByCenter(ctx, center,
                status, Integer.toString(size), from == null ? "" : from)), CenterCertificatePage.class);
    }

    /** Every certificate of the center, page by page, following the bookmarks. */
    private List<CenterCertificate> all(String center, String status, int size) {
        List<CenterCertificate> out = new ArrayList<>();
        String from = null;
        int pages = 0;
        do {
            CenterCertificatePage p = page(center, status, size, from);
            assertThat(p.certificates()).hasSizeLessThanOrEqualTo(size);
            out.addAll(p.certificates());
            from = p.bookmark();
            assertThat(++pages).as("pages").isLessThan(100);
        } while (from != null);
        return out;
    }

    private CertificateStatusRequest ask(TestIdentity center, String number, String asked, String code) {
        return Json.read(world.network.<String>invoke(center, ctx -> contract.requestStatusChange(ctx, number, asked,
                code, "assessment records under review")), CertificateStatusRequest.class);
    }

    private CertificateStatusRequest request(String number) {
        return Json.read(world.network.<String>evaluate(world.cqInspector, ctx -> contract.getStatusRequest(ctx, number)),
                CertificateStatusRequest.class);
    }

    private List<CertificateStatusRequest> pending(String region) {
        return Json.readList(world.network.<String>evaluate(world.cqInspector, ctx -> contract.listStatusRequests(ctx,
                region)), CertificateStatusRequest.class);
    }

    @Nested
    class ListByCenter {

        @Test
        void listsEveryCertificateOfTheCenterSingleAndBatchPageByPageInNumberOrder() {
            List<CertificateClaims> batch = IntStream.rangeClosed(10, 34).mapToObj(i -> claims("CD", i, i)).toList();
            world.issueBatch(batch);
            world.issue(claims("CD", 5, 5));
            world.issue(claims("CQ", 1, 1));
            List<CenterCertificate> listed = all(CD_CENTER, "", 7);
            List<String> expected = new ArrayList<>(batch.stream().map(CertificateClaims::number).toList());
            expected.add(claims("CD", 5, 5).number());
            expected.sort(String::compareTo);
            assertThat(listed).extracting(CenterCertificate::number).containsExactlyElementsOf(expected);
            assertThat(listed).allSatisfy(c -> assertThat(c.status()).isEqualTo(CertificateStatus.VALID));
            assertThat(listed).filteredOn(c -> c.batchId() != null).hasSize(batch.size());
            assertThat(all(CQ_CENTER, "", 200)).extracting(CenterCertificate::number)
                    .containsExactly(claims("CQ", 1, 1).number());
        }

        @Test
        void aStatusFilterFindsOnlyThoseAndItsBookmarkGoesOnAfterTheLastFound() {
            List<CertificateClaims> batch = IntStream.rangeClosed(1, 12).mapToObj(i -> claims("CD", i, i)).toList();
            world.issueBatch(batch);
            for (int i : new int[]{2, 5, 6, 11}) {
                String n = batch.get(i).number();
                world.network.invoke(world.cdBureau, ctx -> contract.suspend(ctx, n, "UNDER_INVESTIGATION", "review"));
            }
            List<CenterCertificate> suspended = all(CD_CENTER, "SUSPENDED", 2);
            assertThat(suspended).extracting(CenterCertificate::number).containsExactly(batch.get(2).number(),
                    batch.get(5).number(), batch.get(6).number(), batch.get(11).number());
            assertThat(suspended).allSatisfy(c -> assertThat(c.statusReasonCode()).isEqualTo("UNDER_INVESTIGATION"));
            assertThat(all(CD_CENTER, "VALID", 5)).hasSize(8);
            assertThat(all(CD_CENTER, "REVOKED", 5)).isEmpty();
        }

        @Test
        void anUnknownCenterHasAnEmptyListAndBadArgumentsAreRefused() {
            assertThat(page(CertificateWorld.withCheck("52510100MJ0000009"), "", 10, null).certificates()).isEmpty();
            world.refused(() -> page("not-a-uscc", "", 10, null), ErrorCode.INVALID_INPUT, "");
            world.refused(() -> page(CD_CENTER, "EXPIRED", 10, null), ErrorCode.INVALID_INPUT, "never stored");
            world.refused(() -> page(CD_CENTER, "BROKEN", 10, null), ErrorCode.INVALID_INPUT, "status");
            world.refused(() -> page(CD_CENTER, "", 0, null), ErrorCode.INVALID_INPUT, "pageSize");
            world.refused(() -> page(CD_CENTER, "", CenterCertificatePage.MAX_PAGE_SIZE + 1, null),
                    ErrorCode.INVALID_INPUT, "pageSize");
            world.refused(() -> page(CD_CENTER, "", 10, "\u0000certificate\u0000"), ErrorCode.INVALID_INPUT, "");
        }

        @Test
        void theListHoldsNoHolderData() {
            CertificateClaims c = claims("CD", 1, 1);
            world.issue(c);
            String json = world.network.evaluate(world.cqInspector, ctx -> contract.listByCenter(ctx, CD_CENTER, "", "10", ""));
            assertThat(json).contains(c.number()).doesNotContain(c.holderPseudonym(), c.holderCommitment());
        }
    }

    @Nested
    class StatusRequests {

        @Test
        void theCenterAsksItsBureauSuspendsAndTheRequestIsCarriedOut() {
            String n = world.issue(claims("CD", 1, 1)).number();
            CertificateStatusRequest asked = ask(world.cdCenter, n, "SUSPENDED", "UNDER_INVESTIGATION");
            assertThat(asked.state()).isEqualTo(CertificateStatusRequest.State.PENDING);
            assertThat(asked.centerId()).isEqualTo(CD_CENTER);
            assertThat(asked.region()).isEqualTo("CD");
            assertThat(asked.requestedBy()).isEqualTo("ChengduMSP/center");
            EmittedEvent event = world.network.lastEvent().orElseThrow();
            assertThat(event.name()).isEqualTo("CertificateStatusRequested");
            assertThat(world.certificate(n).status()).isEqualTo(CertificateStatus.VALID);
            assertThat(pending("CD")).extracting(CertificateStatusRequest::number).containsExactly(n);
            assertThat(pending("CQ")).isEmpty();

            world.network.invoke(world.cdBureau, ctx -> contract.suspend(ctx, n, "UNDER_INVESTIGATION", "as the center asked"));
            CertificateStatusRequest done = request(n);
            assertThat(done.state()).isEqualTo(CertificateStatusRequest.State.CARRIED_OUT);
            assertThat(done.decision()).isEqualTo("SUSPENDED");
            assertThat(done.decidedBy()).isEqualTo("ChengduMSP/bureau");
            assertThat(pending("CD")).isEmpty();
        }

        @Test
        void revokingCarriesOutARequestToSuspendButReinstatingLeavesARequestToRevokePending() {
            String a = world.issue(claims("CD", 1, 1)).number();
            ask(world.cdCenter, a, "SUSPENDED", "DISPUTED_ASSESSMENT");
            world.network.invoke(world.cdBureau, ctx -> contract.revoke(ctx, a, "FRAUDULENT_ASSESSMENT", "found out"));
            assertThat(request(a).state()).isEqualTo(CertificateStatusRequest.State.CARRIED_OUT);
            assertThat(request(a).decision()).isEqualTo("REVOKED");

            String b = world.issue(claims("CD", 2, 2)).number();
            world.network.invoke(world.cdBureau, ctx -> contract.suspend(ctx, b, "UNDER_INVESTIGATION", "review"));
            ask(world.cdCenter, b, "REVOKED", "ISSUED_IN_ERROR");
            world.network.invoke(world.cdBureau, ctx -> contract.reinstate(ctx, b, "INVESTIGATION_CLEARED", "cleared"));
            assertThat(request(b).state()).isEqualTo(CertificateStatusRequest.State.PENDING);
            assertThat(pending("CD")).extracting(CertificateStatusRequest::number).containsExactly(b);
        }

        @Test
        void theBureauDeclinesWithItsReasonAndTheCenterMayAskAgainLater() {
            String n = world.issue(claims("CD", 1, 1)).number();
            ask(world.cdCenter, n, "REVOKED", "ISSUED_IN_ERROR");
            world.refused(() -> ask(world.cdCenter, n, "SUSPENDED", "OTHER"), ErrorCode.CONFLICT, "already has a request pending");
            CertificateStatusRequest declined = Json.read(world.network.<String>invoke(world.cdBureau, ctx ->
                    contract.declineStatusRequest(ctx, n, "the records show the assessment was correct")),
                    CertificateStatusRequest.class);
            assertThat(declined.state()).isEqualTo(CertificateStatusRequest.State.DECLINED);
            assertThat(declined.decision()).isEqualTo("the records show the assessment was correct");
            assertThat(world.network.lastEvent().orElseThrow().name()).isEqualTo("CertificateStatusRequestDeclined");
            assertThat(world.certificate(n).status()).isEqualTo(CertificateStatus.VALID);
            world.refused(() -> world.network.invoke(world.cdBureau, ctx -> contract.declineStatusRequest(ctx, n, "again")),
                    ErrorCode.CONFLICT, "already decided");
            assertThat(ask(world.cdCenter, n, "SUSPENDED", "OTHER").state()).isEqualTo(CertificateStatusRequest.State.PENDING);
        }

        @Test
        void onlyTheIssuingCenterAsksAndOnlyItsRegionsBureauDeclines() {
            String n = world.issue(claims("CD", 1, 1)).number();
            TestIdentity otherCenter = TestIdentities.user(CD_MSP, "center2",
                    Map.of("role", "training_center", "centerId", CertificateWorld.withCheck("52510100MJ0000009")));
            world.refused(() -> ask(otherCenter, n, "SUSPENDED", "OTHER"), ErrorCode.FORBIDDEN, "its own certificates");
            world.refused(() -> ask(world.cqCenter, n, "SUSPENDED", "OTHER"), ErrorCode.FORBIDDEN, "");
            world.refused(() -> ask(world.cdBureau, n, "SUSPENDED", "OTHER"), ErrorCode.FORBIDDEN, "");
            ask(world.cdCenter, n, "SUSPENDED", "OTHER");
            world.refused(() -> world.network.invoke(world.cqBureau, ctx -> contract.declineStatusRequest(ctx, n, "no")),
                    ErrorCode.FORBIDDEN, "region CD's bureau");
            world.refused(() -> world.network.invoke(world.cdCenter, ctx -> contract.declineStatusRequest(ctx, n, "no")),
                    ErrorCode.FORBIDDEN, "");
            assertThat(request(n).state()).isEqualTo(CertificateStatusRequest.State.PENDING);
        }

        @Test
        void badRequestsAreRefusedWithTheReasonAndNothingIsStored() {
            String n = world.issue(claims("CD", 1, 1)).number();
            world.refused(() -> ask(world.cdCenter, n, "VALID", "OTHER"), ErrorCode.INVALID_INPUT, "SUSPENDED or REVOKED");
            world.refused(() -> ask(world.cdCenter, n, "EXPIRED", "OTHER"), ErrorCode.INVALID_INPUT, "SUSPENDED or REVOKED");
            world.refused(() -> ask(world.cdCenter, n, "GONE", "OTHER"), ErrorCode.INVALID_INPUT, "asked");
            world.refused(() -> ask(world.cdCenter, n, "SUSPENDED", "FRAUDULENT_ASSESSMENT"), ErrorCode.INVALID_INPUT,
                    "UNDER_INVESTIGATION");
            world.refused(() -> ask(world.cdCenter, claims("CD", 9, 9).number(), "SUSPENDED", "OTHER"),
                    ErrorCode.NOT_FOUND, "");
            world.refused(() -> world.network.invoke(world.cdCenter, ctx -> contract.requestStatusChange(ctx, n,
                    "SUSPENDED", "OTHER", "")), ErrorCode.INVALID_INPUT, "");
            world.network.invoke(world.cdBureau, ctx -> contract.revoke(ctx, n, "ISSUED_IN_ERROR", "wrong"));
            world.refused(() -> ask(world.cdCenter, n, "SUSPENDED", "OTHER"), ErrorCode.CONFLICT, "is REVOKED");
            world.refused(() -> request(n), ErrorCode.NOT_FOUND, "has no status request");
            assertThat(pending("CD")).isEmpty();
        }
    }
}
