from referrals.models.referral import COMPLEXITY_DESCRIPTIONS, Complexity, Referral, ReferralHistoryIsImmutable, ReferralStatusChange

__all__ = ["COMPLEXITY_DESCRIPTIONS", "Complexity", "Referral", "ReferralHistoryIsImmutable", "ReferralStatusChange"]
