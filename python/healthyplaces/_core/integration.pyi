"""
Integration arrangements as five dimensions, their presets and order, the casebook.
"""
from __future__ import annotations
import enum
import typing
__all__: list[str] = ['Arrangement', 'Budgets', 'CaseStudy', 'Governance', 'Leadership', 'LegalBasis', 'Staff', 'arrangement_preset', 'arrangement_presets', 'incoherences', 'read_case_studies_text']
class Budgets(enum.IntEnum):
    """
    Budgets, least to most integrated.
    """
    aligned: typing.ClassVar[Budgets]
    pooled: typing.ClassVar[Budgets]
    separate: typing.ClassVar[Budgets]
    single: typing.ClassVar[Budgets]
    @classmethod
    def __new__(cls, value):
        ...
    def __format__(self, format_spec):
        ...
class Staff(enum.IntEnum):
    """
    Staffing, least to most integrated.
    """
    joint_posts: typing.ClassVar[Staff]
    merged: typing.ClassVar[Staff]
    seconded: typing.ClassVar[Staff]
    separate: typing.ClassVar[Staff]
    @classmethod
    def __new__(cls, value):
        ...
    def __format__(self, format_spec):
        ...
class Leadership(enum.IntEnum):
    """
    Leadership, least to most integrated.
    """
    joint_chief_executive: typing.ClassVar[Leadership]
    joint_posts: typing.ClassVar[Leadership]
    separate: typing.ClassVar[Leadership]
    single: typing.ClassVar[Leadership]
    @classmethod
    def __new__(cls, value):
        ...
    def __format__(self, format_spec):
        ...
class Governance(enum.IntEnum):
    """
    Governance, least to most integrated.
    """
    councillor_majority_board: typing.ClassVar[Governance]
    joint_committee: typing.ClassVar[Governance]
    separate_boards: typing.ClassVar[Governance]
    single_body: typing.ClassVar[Governance]
    @classmethod
    def __new__(cls, value):
        ...
    def __format__(self, format_spec):
        ...
class LegalBasis(enum.IntEnum):
    """
    Legal basis, least to most integrated.
    """
    care_trust: typing.ClassVar[LegalBasis]
    none: typing.ClassVar[LegalBasis]
    public_service_trust: typing.ClassVar[LegalBasis]
    section_75: typing.ClassVar[LegalBasis]
    @classmethod
    def __new__(cls, value):
        ...
    def __format__(self, format_spec):
        ...
class Arrangement:
    """
    An integration arrangement as five dimensions. Construction validates coherence and raises ArrangementError listing every contradiction.
    """
    def __eq__(self, arg0: Arrangement) -> bool:
        ...
    def __ge__(self, arg0: Arrangement) -> bool:
        ...
    def __getstate__(self) -> tuple[str, Budgets, Staff, Leadership, Governance, LegalBasis, str]:
        ...
    def __gt__(self, arg0: Arrangement) -> bool:
        ...
    def __hash__(self) -> int:
        ...
    def __init__(self, name: str = '', budgets: Budgets = Budgets.separate, staff: Staff = Staff.separate, leadership: Leadership = Leadership.separate, governance: Governance = Governance.separate_boards, legal_basis: LegalBasis = LegalBasis.none, description: str = '') -> None:
        ...
    def __le__(self, arg0: Arrangement) -> bool:
        ...
    def __lt__(self, arg0: Arrangement) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def compare(self, other: Arrangement) -> str:
        """
        'less', 'greater', 'equivalent' or 'unordered': dimension by dimension, as sets compare.
        """
    @property
    def budgets(self) -> Budgets:
        ...
    @property
    def description(self) -> str:
        ...
    @property
    def governance(self) -> Governance:
        ...
    @property
    def integration_level(self) -> int:
        """
        Sum of the dimension ranks: 0 (nothing shared) to 15 (full merger).
        """
    @property
    def leadership(self) -> Leadership:
        ...
    @property
    def legal_basis(self) -> LegalBasis:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def staff(self) -> Staff:
        ...
class CaseStudy:
    """
    An integration case study from the seeds.
    """
    def __repr__(self) -> str:
        ...
    @property
    def anticipated_benefits(self) -> str:
        ...
    @property
    def area(self) -> str:
        ...
    @property
    def arrangement(self) -> Arrangement:
        ...
    @property
    def barriers(self) -> list[str]:
        ...
    @property
    def council_stars(self) -> int | None:
        ...
    @property
    def integration_model(self) -> str:
        ...
    @property
    def motivations(self) -> list[str]:
        ...
    @property
    def nhs_stars(self) -> int | None:
        ...
    @property
    def notes(self) -> str:
        ...
    @property
    def over_80_population(self) -> float | None:
        ...
    @property
    def over_80_share(self) -> float | None:
        ...
    @property
    def population(self) -> float | None:
        ...
    @property
    def source(self) -> str:
        ...
def arrangement_preset(key: str) -> Arrangement:
    """
    A preset by key: closer_working, swindon, herefordshire, nlgn_proposal, torbay, public_service_trust.
    """
def arrangement_presets() -> list[Arrangement]:
    """
    The seeds' models, closer working to full merger.
    """
def incoherences(arrangement: Arrangement) -> list[str]:
    """
    Reasons an arrangement cannot exist as stated (empty when coherent).
    """
def read_case_studies_text(text: str, source: str) -> list[CaseStudy]:
    """
    Case studies from CSV text (columns as data/case_studies.csv).
    """
