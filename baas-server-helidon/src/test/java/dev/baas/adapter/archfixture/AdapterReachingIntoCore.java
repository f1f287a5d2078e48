package dev.baas.adapter.archfixture;

/** Breaks a border on purpose, so the border test can prove its rule fails. Test code only. */
public class AdapterReachingIntoCore {
    public Object engine() { return dev.baas.core.Baas.builder(); }
}
