package cn.cdcq.registry.common.credit;

/**
 * What kind of employer an enterprise of the register is, as the registering region's bureau
 * records it. An enterprise registered before kinds existed has none stored and reads as
 * {@link #PLATFORM} when its platform flag is set, else {@link #OTHER} ({@link Enterprise#withKindRead()}).
 */
public enum EnterpriseKind {
    /** A platform enterprise (网络平台企业) engaging workers in new employment forms. */
    PLATFORM,
    /** A human-resources service agency (人力资源服务机构): placement, dispatch, outsourcing. */
    HR_SERVICE_AGENCY,
    /** Any other employer. */
    OTHER
}
