"""
Integration arrangements as five dimensions, their presets and order, the casebook.
"""
from __future__ import annotations
import enum
import typing
__all__: list[str] = ['Arrangement', 'Budgets', 'CaseStudy', 'Governance', 'Leadership', 'LegalBasis', 'Staff', 'arrangement_preset', 'arrangement_presets', 'incoherences', 'read_case_studies_text']
class Budgets(enum.IntEnum):
    """
    How the partners hold their money, least to most integrated: separate, aligned, pooled, single.
    
    Its rank (0-3) counts towards an Arrangement's integration_level; in hp.finance.simulate it decides who
    bears an overspend.
    
    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.Budgets.pooled > hp.Budgets.aligned, hp.Budgets["single"].value
    (True, 3)
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
    How staff are employed, least to most integrated: separate, seconded, joint_posts, merged.
    
    Examples
    --------
    >>> import healthyplaces as hp
    >>> [s.name for s in hp.Staff]
    ['separate', 'seconded', 'joint_posts', 'merged']
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
    Who leads, least to most integrated: separate, joint_posts, joint_chief_executive, single.
    
    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.Leadership.joint_chief_executive.value
    2
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
    Who governs, least to most integrated: separate_boards, joint_committee, councillor_majority_board, single_body.
    
    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.preset("torbay").governance
    <Governance.joint_committee: 1>
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
    The legal basis, least to most integrated: none, section_75, care_trust, public_service_trust.
    
    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.preset("swindon").legal_basis.name
    'section_75'
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
    An integration arrangement as five dimensions.
    
    Construction validates coherence and raises ArrangementError listing every contradiction (docs/arrangements.md).
    Arrangements are partially ordered: ``a < b`` when ``a`` is no further than ``b`` on any dimension and short
    on one; ``compare`` says 'less', 'greater', 'equivalent' or 'unordered'.
    
    Parameters
    ----------
    name : str
        A name for tables and charts.
    budgets : Budgets
    staff : Staff
    leadership : Leadership
    governance : Governance
    legal_basis : LegalBasis
    description : str
        Free text.
    
    Examples
    --------
    >>> import healthyplaces as hp
    >>> a = hp.Arrangement("pooled fund", budgets=hp.Budgets.pooled, legal_basis=hp.LegalBasis.section_75)
    >>> a.integration_level, a < hp.preset("torbay")
    (3, True)
    >>> hp.preset("herefordshire").compare(hp.preset("swindon"))
    'unordered'
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
        How this arrangement compares with ``other``, dimension by dimension, as sets compare: 'less', 'greater', 'equivalent' or 'unordered'.
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
    An integration case study from the seed documents (Torbay, Herefordshire, Swindon).
    
    Fields: area, source, integration_model, arrangement (an Arrangement), council_stars, nhs_stars,
    anticipated_benefits, motivations, barriers, population, over_80_population, notes; over_80_share.
    
    Examples
    --------
    >>> import healthyplaces as hp
    >>> torbay = {c.area: c for c in hp._core.datasets.case_studies()}["Torbay"]
    >>> torbay.arrangement.budgets.name, round(torbay.over_80_share, 3)
    ('pooled', 0.077)
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
    The reasons an arrangement cannot exist as stated.
    
    Parameters
    ----------
    arrangement : Arrangement
        The arrangement to check (construction already refuses an incoherent one; presets and pickles are checked).
    
    Returns
    -------
    list of str
        One sentence per contradiction; empty when the arrangement is coherent.
    
    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.incoherences(hp.preset("torbay"))
    []
    """
def read_case_studies_text(text: str, source: str) -> list[CaseStudy]:
    """
    Case studies from CSV text (columns as data/case_studies.csv).
    """
