package org.vesalius.vna.server.dimse;

/**
 * Whether a calling AE must prove who uses it by User Identity negotiation (PS3.7 D.3.3.7):
 * {@code vna.dicom.user-identity}, or per AE {@code vna.dicom.access.<AE>.user-identity}.
 */
public enum UserIdentityMode {
    /** Any identity sent is ignored (not verified, no positive response): the AE's rights alone count. */
    NONE,
    /** Without an identity the AE's rights count; an identity sent must verify, and then its roles limit them. */
    OPTIONAL,
    /** An identity must be sent and verify: A-ASSOCIATE-RJ (1, 2, 1) otherwise. */
    REQUIRED
}
