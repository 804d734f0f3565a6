package cn.cdcq.registry.common;

/**
 * Why the chaincode refused a transaction: the boundary vocabulary both halves share. The code
 * leads the error message ("FORBIDDEN: ...") because the Fabric Gateway passes the chaincode's
 * message to the client but not its payload; clients branch on the code, people read the rest.
 */
public enum ErrorCode {
    /** Malformed or out-of-range input: a bad USCC, ID number, certificate number, level, date, JSON. */
    INVALID_INPUT,
    /** The caller's role or region may not do this. */
    FORBIDDEN,
    /** The record asked for does not exist. */
    NOT_FOUND,
    /** The record already exists (a certificate number, a region, a claim). */
    ALREADY_EXISTS,
    /** The record is in a state that does not allow the change (revoked, approved, withdrawn...). */
    CONFLICT,
    /** A signature or Merkle proof does not verify. */
    INVALID_SIGNATURE,
    /**
     * A joint restriction of both regions forbids it: the enterprise is on the wage-arrears list or
     * rated C (docs/joint-measures.md); the message names each record (id and region).
     */
    JOINTLY_RESTRICTED,
    /**
     * Not yet: a time a written rule sets has not come (a credit repair before six months on the
     * list since rectification, docs/objections.md); the message names the first day it is possible.
     */
    TOO_EARLY
}
