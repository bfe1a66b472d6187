package org.openlgd.secure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openlgd.model.Share;
import org.openlgd.stats.Qr;

@DisplayName("Secure aggregation: exact ring, pairwise masks, identity keys")
class SecureAggregationTest {

  @Test
  @DisplayName("doubles and products of doubles are exact in the ring down to 2^-128; sums are exact; out of range is refused by name")
  void ring() {
    Random rnd = new Random(7);
    for (int i = 0; i < 2000; i++) {
      double a = (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(24) - 8);
      double b = (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(20) - 6);
      assertThat(Ring.decodeExact(Ring.encode(a, "a"))).isEqualByComparingTo(new BigDecimal(a));
      assertThat(Ring.decode(Ring.encode(a, "a"))).isEqualTo(a);
      BigDecimal product = new BigDecimal(a).multiply(new BigDecimal(b));
      BigDecimal inRing = Ring.decodeExact(Ring.product(a, b, "ab"));
      if (Math.abs(a * b) >= 0x1p-22) {
        assertThat(inRing).as("a product whose last bit is at least 2^-128 is exact").isEqualByComparingTo(product);
      } else {
        assertThat(inRing.subtract(product).abs()).as("smaller bits are rounded").isLessThanOrEqualTo(new BigDecimal(0x1p-129));
      }
      BigInteger sum = Ring.add(Ring.encode(a, "a"), Ring.encode(b, "b"));
      assertThat(Ring.decodeExact(sum)).isEqualByComparingTo(new BigDecimal(a).add(new BigDecimal(b)));
    }
    assertThat(Ring.decode(Ring.encode(-0.0, "z"))).isZero();
    assertThat(Ring.decode(Ring.fromBytes(Ring.toBytes(Ring.encode(-3.25, "x")), 0))).isEqualTo(-3.25);
    assertThatThrownBy(() -> Ring.encode(2e30, "score.information[2][3]"))
        .isInstanceOf(Ring.OverflowException.class).hasMessageContaining("score.information[2][3]").hasMessageContaining("2.0E30");
    assertThatThrownBy(() -> Ring.encode(Double.NaN, "deviance")).hasMessageContaining("deviance");
    assertThatThrownBy(() -> Ring.product(1e16, 1e15, "gram")).hasMessageContaining("gram");
  }

  private static List<Masking> servers(int n, String run) {
    List<Masking> out = new ArrayList<>();
    for (int id = 1; id <= n; id++) {
      out.add(new Masking(run, id, null, Map.of()));
    }
    return out;
  }

  private static SecureRound round(List<Masking> servers, int attempt) {
    return new SecureRound(attempt, servers.stream().map(Masking::announcement).toList());
  }

  @Test
  @DisplayName("the masks cancel in the sum over the participants, and only there; a masked vector alone says nothing")
  void masksCancel() {
    List<Masking> servers = servers(4, "run-test");
    SecureRound spec = round(servers, 1);
    double[][] stats = {{1.5, -2, 1e6}, {0.25, 3, -7}, {100, 0, 1e-9}, {-1, 1, 2}};
    List<Share> shares = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      BigInteger[] masked = servers.get(k).mask(Shares.encode(stats[k], i -> "s" + i), spec, 3, Shares.ESTIMATE);
      shares.add(new Share(Arrays.asList(masked)));
      for (int i = 0; i < 3; i++) {
        assertThat(Math.abs(Ring.decode(masked[i]))).as("a masked value reveals nothing").isGreaterThan(1e20);
      }
    }
    BigInteger[] sum = Shares.sum(shares);
    for (int i = 0; i < 3; i++) {
      BigDecimal exact = BigDecimal.ZERO;
      for (double[] s : stats) {
        exact = exact.add(new BigDecimal(s[i]));
      }
      assertThat(Ring.decodeExact(sum[i])).isEqualByComparingTo(exact);
    }
    BigInteger[] partial = Shares.sum(shares.subList(0, 3));
    assertThat(Math.abs(Ring.decode(partial[0]))).as("three of four shares still masked").isGreaterThan(1e20);
    BigInteger[] again = servers.get(0).mask(Shares.encode(stats[0], i -> "s" + i), round(servers, 2), 3, Shares.ESTIMATE);
    assertThat(again[0]).as("a new attempt draws new masks").isNotEqualTo(shares.get(0).masked().get(0));
  }

  @Test
  @DisplayName("a server refuses fewer than 3 participants, a replaced own key, and, pinning identities, a substituted key")
  void participantChecks() {
    List<Masking> two = servers(2, "run-a");
    assertThatThrownBy(() -> two.get(0).mask(new BigInteger[] {BigInteger.ONE}, round(two, 1), 1, "x"))
        .hasMessageContaining("at least 3 participants");
    List<Masking> three = servers(3, "run-b");
    List<Participant> swapped = new ArrayList<>(round(three, 1).participants());
    swapped.set(0, new Participant(1, Masks.ephemeral().getPublic().getEncoded(), null));
    assertThatThrownBy(() -> three.get(0).mask(new BigInteger[] {BigInteger.ONE}, new SecureRound(1, swapped), 1, "x"))
        .hasMessageContaining("own key was replaced");

    List<KeyPair> ids = List.of(Identity.generate(), Identity.generate(), Identity.generate());
    Map<Integer, PublicKey> pinned = Map.of(1, ids.get(0).getPublic(), 2, ids.get(1).getPublic(), 3, ids.get(2).getPublic());
    List<Masking> signed = new ArrayList<>();
    for (int id = 1; id <= 3; id++) {
      signed.add(new Masking("run-c", id, ids.get(id - 1).getPrivate(), pinned));
    }
    SecureRound honest = round(signed, 1);
    assertThat(signed.get(0).mask(new BigInteger[] {BigInteger.ONE}, honest, 1, "x")).hasSize(1);
    List<Participant> forged = new ArrayList<>(honest.participants());
    Participant two2 = forged.get(1);
    forged.set(1, new Participant(2, Masks.ephemeral().getPublic().getEncoded(), two2.signature()));
    assertThatThrownBy(() -> signed.get(0).mask(new BigInteger[] {BigInteger.ONE}, new SecureRound(1, forged), 1, "x"))
        .hasMessageContaining("participant server 2").hasMessageContaining("not signed by its pinned identity key");
  }

  @Test
  @DisplayName("consistency: the Cholesky factor of the exact summed Gram matrices is the TSQR factor of the stacked R factors")
  void gramCholeskyMatchesTsqr() {
    Random rnd = new Random(11);
    List<double[][]> rs = new ArrayList<>();
    List<Share> shares = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      double[][] cols = new double[4][50];
      for (int i = 0; i < 50; i++) {
        cols[0][i] = 1;
        cols[1][i] = rnd.nextGaussian() * 10;
        cols[2][i] = rnd.nextGaussian() + cols[1][i] * 0.3;
        cols[3][i] = 2 + cols[1][i] - cols[2][i] + rnd.nextGaussian();
      }
      double[][] r = Qr.r(cols);
      rs.add(r);
      shares.add(new Share(Arrays.asList(Shares.gram(r, 50))));
    }
    double[][] tsqr = Qr.combine(rs);
    double[][] chol = SecureAggregator.cholesky(Shares.gramMatrix(Shares.sum(shares)));
    for (int i = 0; i < 4; i++) {
      for (int j = i; j < 4; j++) {
        assertThat(chol[i][j]).as("R[%d][%d]", i, j).isCloseTo(tsqr[i][j], Offset.offset(1e-12 * Math.abs(tsqr[i][i])));
      }
    }
  }
}
