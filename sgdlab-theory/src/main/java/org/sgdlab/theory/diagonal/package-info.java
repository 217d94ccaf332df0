/**
 * The {@code diagonal.*} claims: depth-D diagonal linear networks (sgdlab-nn's {@code DiagonalNetwork}) trained by
 * gradient flow from initialization scale α, against basis pursuit (002 ch. 8; Woodworth et al. 2020; source 001 §3.2).
 */
package org.sgdlab.theory.diagonal;
