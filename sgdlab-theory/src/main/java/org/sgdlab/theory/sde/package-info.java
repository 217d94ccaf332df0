/**
 * The {@code sde.*} claims (002 ch. 12): SGD against its canonical SDE (002 eq. 12.4), built on module sgdlab-sde
 * (docs/sde.md).
 *
 * <p>Entry point: {@link org.sgdlab.theory.sde.SdeClaims#all()}. {@code sde.ou-toy}: the three-function example of 002
 * Problem 12.2.4, SGD's stationary variance against the exact discrete-time value 6η/(1 − η) and the SDE's 6η.
 */
package org.sgdlab.theory.sde;
