#!/usr/bin/env python3
"""Generate the bundled example and default data files of servicechain.

Run from anywhere:  python3 examples/make_examples.py
It (re)writes, relative to the repository root:

  examples/hotel.json, examples/hotel-es.json
  examples/surveys/{servqual,servqual-managers,ipa,nps}.csv
  examples/logs/{events,resource-units}.csv, examples/orgchart.csv
  data/curriculum.{en,es}.json, data/maturity.{en,es}.json, data/roadmap.{en,es}.json

and then runs examples/check_examples.py, which checks them against DESIGN §2 (references, id uniqueness,
weight sums, acyclicity, ranges, allowed keys).  The outputs are committed;
this script only exists so that the English and Spanish files never drift.
Everything is deterministic (the only randomness comes from a fixed-seed
Mersenne Twister through random.random(), which is stable across versions).
"""
import csv
import io
import json
import os
import random
import sys
from collections import defaultdict
from datetime import date, datetime, timedelta

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# ---------------------------------------------------------------------------
# Competencies
# ---------------------------------------------------------------------------
COMPETENCIES = [
    ("customer_orientation", "Customer orientation", "Orientación al cliente"),
    ("communication", "Communication", "Comunicación"),
    ("active_listening", "Active listening", "Escucha activa"),
    ("problem_solving", "Problem solving", "Resolución de problemas"),
    ("complaint_handling", "Complaint handling", "Gestión de quejas"),
    ("stress_management", "Stress management", "Manejo del estrés"),
    ("leadership", "Leadership", "Liderazgo"),
    ("coaching", "Coaching", "Coaching"),
    ("planning", "Planning", "Planificación"),
    ("technical_skill", "Technical skill", "Habilidad técnica"),
    ("languages", "Languages", "Idiomas"),
    ("teamwork", "Teamwork", "Trabajo en equipo"),
]
ABBR = {
    "CO": "customer_orientation", "CM": "communication", "AL": "active_listening",
    "PS": "problem_solving", "CH": "complaint_handling", "SM": "stress_management",
    "LE": "leadership", "CA": "coaching", "PL": "planning",
    "TS": "technical_skill", "LA": "languages", "TW": "teamwork",
}


def comps(spec):
    """'CO4 LE5' -> {"customer_orientation": 4, "leadership": 5} (spec order)."""
    out = {}
    for tok in spec.split():
        key, val = ABBR[tok[:2]], float(tok[2:])
        out[key] = int(val) if val == int(val) else val
    return out


# ---------------------------------------------------------------------------
# Units: id, English name, Spanish name, parent, level, explicit quality
# ---------------------------------------------------------------------------
UNITS = [
    ("gm", "General Management", "Dirección general", None, "directive", 0.82),
    ("rooms", "Rooms Division", "División de alojamiento", "gm", "managerial", None),
    ("fnb", "Food & Beverage", "Alimentos y bebidas", "gm", "managerial", None),
    ("admin", "Administration & Finance", "Administración y finanzas", "gm", "managerial", None),
    ("hr", "Human Resources", "Recursos humanos", "gm", "managerial", 0.72),
    ("front_desk", "Front Desk", "Recepción", "rooms", "operative", None),
    ("reservations", "Reservations", "Reservas", "rooms", "operative", 0.88),
    ("call_centre", "Call Centre", "Centro de llamadas", "reservations", "operative", 0.70),
    ("housekeeping", "Housekeeping", "Ama de llaves", "rooms", "operative", None),
    ("maintenance", "Maintenance", "Mantenimiento", "rooms", "operative", 0.66),
    ("guest_relations", "Guest Relations & Concierge", "Relaciones con huéspedes y conserjería", "rooms", "operative", None),
    ("security", "Security", "Seguridad", "rooms", "operative", 0.90),
    ("restaurant", "Restaurant", "Restaurante", "fnb", "operative", None),
    ("kitchen", "Kitchen", "Cocina", "fnb", "operative", None),
    ("bar", "Pool Bar & Lounge", "Bar de piscina y salón", "fnb", "operative", None),
    ("purchasing", "Purchasing", "Compras", "admin", "operative", 0.68),
    ("accounting", "Accounting", "Contabilidad", "admin", "operative", 0.85),
    ("records", "Records & Archive", "Archivo y documentación", "admin", "operative", 0.93),
]

# ---------------------------------------------------------------------------
# Positions: id, title EN, title ES, unit, level, requires, weights
# ---------------------------------------------------------------------------
POSITIONS = [
    ("general_manager", "General Manager", "Director general", "gm", "directive",
     "CO5 LE5 PL5 CM5 CA4", "LE2 CO2"),
    ("rooms_division_manager", "Rooms Division Manager", "Jefe de división de alojamiento", "rooms", "managerial",
     "CO4 LE4 CA4 PL4 PS4 CM4", "CO1.5 LE1.5"),
    ("fnb_manager", "Food & Beverage Manager", "Jefe de alimentos y bebidas", "fnb", "managerial",
     "CO4 LE4 CA3 PL4 PS3 TS3", None),
    ("finance_controller", "Finance Controller", "Controller financiero", "admin", "managerial",
     "PL5 TS4 LE3 CM3 PS4", None),
    ("hr_manager", "HR Manager", "Jefe de recursos humanos", "hr", "managerial",
     "CA4 CM4 AL4 LE3 PL3", "CA2 AL1.5"),
    ("hr_officer", "HR Officer", "Técnico de recursos humanos", "hr", "operative",
     "CM3 AL3 PL3 TW3 TS2", None),
    ("front_office_supervisor", "Front Office Supervisor", "Jefe de recepción", "front_desk", "managerial",
     "LE3 CA3 CH4 PS4 CO4 SM3", "CH2"),
    ("receptionist", "Receptionist", "Recepcionista", "front_desk", "operative",
     "CO4 CM4 LA4 CH3 AL3 SM3 PS3", "CO2 LA1.5"),
    ("reservations_agent", "Reservations Agent", "Agente de reservas", "reservations", "operative",
     "CM4 LA3 TS3 CO4 AL3 PS2", None),
    ("call_centre_agent", "Call Centre Agent", "Agente del centro de llamadas", "call_centre", "operative",
     "CM4 AL4 SM3 CH3 LA3 CO3", "AL2"),
    ("executive_housekeeper", "Executive Housekeeper", "Gobernanta general", "housekeeping", "managerial",
     "LE4 PL4 CA3 TW4 PS3", None),
    ("room_attendant", "Room Attendant", "Camarera de pisos", "housekeeping", "operative",
     "TS3 TW4 CO3 SM2 CM2", None),
    ("maintenance_technician", "Maintenance Technician", "Técnico de mantenimiento", "maintenance", "operative",
     "TS4 PS4 CO2 TW3 CM2", "TS2"),
    ("concierge", "Concierge", "Conserje", "guest_relations", "operative",
     "LA4 CO5 CM4 PS4 CH4 AL4", "CO1.5 CH1.5"),
    ("security_officer", "Security Officer", "Vigilante de seguridad", "security", "operative",
     "SM4 PS3 CM3 CO2 TW3", None),
    ("maitre_d", "Maître d'", "Maître", "restaurant", "managerial",
     "LE3 CH4 CO4 CA3 PL3 LA3", None),
    ("waiter", "Waiter", "Camarero de sala", "restaurant", "operative",
     "CO4 CM3 LA3 TW4 SM3 CH3", None),
    ("head_chef", "Head Chef", "Jefe de cocina", "kitchen", "managerial",
     "LE4 TS5 PL4 SM4 CA3", "TS2"),
    ("cook", "Cook", "Cocinero", "kitchen", "operative",
     "TS4 TW4 SM3 PL2", None),
    ("bartender", "Bartender", "Barman", "bar", "operative",
     "CO4 CM3 TS3 LA3 AL3", None),
    ("buyer", "Buyer", "Comprador", "purchasing", "operative",
     "PL3 TS3 CM3 PS3", None),
    ("accountant", "Accountant", "Contable", "accounting", "operative",
     "TS4 PL3 CM2 PS3 CO2", None),
]

# ---------------------------------------------------------------------------
# People: id, name, unit, position, manager, morale, contacts/yr, training h,
# competencies.  Names are not translated.
# ---------------------------------------------------------------------------
PEOPLE = [
    # General management
    ("elena_vargas", "Elena Vargas", "gm", "general_manager", None, 0.88, 180, 24, "CO5 LE4 PL5 CM5 CA3 PS4 LA4"),
    # Managerial heads
    ("javier_ortega", "Javier Ortega", "rooms", "rooms_division_manager", "elena_vargas", 0.80, 420, 20, "CO4 LE4 CA3 PL4 PS4 CM4 LA3"),
    ("ricardo_soler", "Ricardo Soler", "fnb", "fnb_manager", "elena_vargas", 0.74, 300, 16, "CO4 LE3 CA3 PL4 PS3 TS4"),
    ("beatriz_campos", "Beatriz Campos", "admin", "finance_controller", "elena_vargas", 0.82, 6, 12, "PL5 TS5 LE3 CM3 PS4"),
    ("nuria_pascual", "Nuria Pascual", "hr", "hr_manager", "elena_vargas", 0.70, 4, 30, "CA2 CM4 AL3 LE3 PL4 TW4 TS3"),
    ("tomas_herrera", "Tomás Herrera", "hr", "hr_officer", "nuria_pascual", 0.78, 2, 20, "CA4 CM4 AL4 LE3 PL3 TW3 TS2"),
    # Front desk
    ("raul_molina", "Raúl Molina", "front_desk", "front_office_supervisor", "javier_ortega", 0.72, 2500, 18, "LE2 CA2 CH3 PS3 CO5 SM4 CM5 LA5 AL4"),
    ("ana_lopez", "Ana López", "front_desk", "receptionist", "raul_molina", 0.85, 4200, 16, "CO5 CM4 LA5 CH3 AL4 SM3 PS3 TW4"),
    ("carmen_ruiz", "Carmen Ruiz", "front_desk", "receptionist", "raul_molina", 0.76, 3900, 22, "LE4 CA4 CH4 PS4 CO4 SM4 CM4 LA2 AL3"),
    ("david_martin", "David Martín", "front_desk", "receptionist", "raul_molina", 0.68, 4100, 8, "CO4 CM3 LA4 CH2 AL3 SM2 PS3"),
    ("laura_sanchez", "Laura Sánchez", "front_desk", "receptionist", "raul_molina", 0.90, 3600, 24, "CO4 CM4 LA4 CH3 AL4 SM3 PS4"),
    ("pablo_romero", "Pablo Romero", "front_desk", "receptionist", "raul_molina", 0.58, 1500, 4, "CO3 CM3 LA3 CH2 AL2 SM3 PS3 TS3"),
    ("sara_gil", "Sara Gil", "front_desk", "receptionist", "raul_molina", 0.80, 3800, 12, "CO4 CM4 LA5 CH3 AL3 SM2 PS2"),
    # Reservations and call centre
    ("sofia_mendez", "Sofía Méndez", "reservations", "reservations_agent", "javier_ortega", 0.84, 1600, 14, "CM4 LA4 TS4 CO4 AL3 PS3 LE3"),
    ("alberto_rey", "Alberto Rey", "reservations", "reservations_agent", "sofia_mendez", 0.75, 1500, 10, "CM3 LA3 TS3 CO4 AL3 PS2"),
    ("clara_vidal", "Clara Vidal", "reservations", "reservations_agent", "sofia_mendez", 0.79, 1400, 12, "CM4 LA2 TS3 CO3 AL3 PS2"),
    ("irene_fuentes", "Irene Fuentes", "call_centre", "call_centre_agent", "sofia_mendez", 0.70, 5200, 16, "CM4 AL4 SM3 CH3 LA3 CO4 LE3"),
    ("oscar_medina", "Óscar Medina", "call_centre", "call_centre_agent", "irene_fuentes", 0.52, 5600, 6, "CM3 AL2 SM2 CH2 LA3 CO3"),
    ("eva_moreno", "Eva Moreno", "call_centre", "call_centre_agent", "irene_fuentes", 0.64, 5400, 8, "CM4 AL3 SM3 CH2 LA4 CO3"),
    ("hugo_prieto", "Hugo Prieto", "call_centre", "call_centre_agent", "irene_fuentes", 0.60, 5000, 10, "CM3 AL3 SM2 CH3 LA2 CO3"),
    # Housekeeping
    ("rosa_delgado", "Rosa Delgado", "housekeeping", "executive_housekeeper", "javier_ortega", 0.74, 600, 20, "LE4 PL4 CA2 TW4 PS3 TS4"),
    ("lucia_ramos", "Lucía Ramos", "housekeeping", "room_attendant", "rosa_delgado", 0.72, 500, 8, "TS4 TW4 CO3 SM3 CM2"),
    ("mercedes_santos", "Mercedes Santos", "housekeeping", "room_attendant", "rosa_delgado", 0.60, 450, 4, "TS3 TW4 CO3 SM2 CM1 LA1"),
    ("fatima_el_amrani", "Fátima El Amrani", "housekeeping", "room_attendant", "rosa_delgado", 0.66, 480, 6, "TS3 TW3 CO3 SM2 CM2 LA2"),
    ("gloria_cano", "Gloria Cano", "housekeeping", "room_attendant", "rosa_delgado", 0.55, 420, 0, "TS3 TW3 CO2 SM2 CM2"),
    ("andrea_pena", "Andrea Peña", "housekeeping", "room_attendant", "rosa_delgado", 0.70, 520, 8, "TS4 TW4 CO4 SM3 CM3"),
    ("yolanda_diez", "Yolanda Díez", "housekeeping", "room_attendant", "rosa_delgado", 0.62, 380, 4, "TS2 TW4 CO3 SM2 CM2"),
    ("milagros_torres", "Milagros Torres", "housekeeping", "room_attendant", "rosa_delgado", 0.50, 400, 0, "TS2 TW2 CO2 SM1 CM1"),
    ("dolores_vega", "Dolores Vega", "housekeeping", "room_attendant", "rosa_delgado", 0.68, 460, 6, "TS4 TW3 CO3 SM2 CM2"),
    ("ioana_popescu", "Ioana Popescu", "housekeeping", "room_attendant", "rosa_delgado", 0.75, 430, 12, "TS3 TW4 CO3 SM3 CM2 LA2"),
    # Maintenance
    ("pedro_alonso", "Pedro Alonso", "maintenance", "maintenance_technician", "javier_ortega", 0.62, 180, 12, "TS5 PS4 CO2 TW3 CM2 LE3"),
    ("manuel_ibanez", "Manuel Ibáñez", "maintenance", "maintenance_technician", "pedro_alonso", 0.58, 120, 4, "TS4 PS3 CO2 TW3 CM2"),
    ("sergio_nieto", "Sergio Nieto", "maintenance", "maintenance_technician", "pedro_alonso", 0.66, 140, 8, "TS3 PS3 CO3 TW3 CM3"),
    # Guest relations
    ("marta_castillo", "Marta Castillo", "guest_relations", "concierge", "javier_ortega", 0.86, 2200, 20, "LA5 CO5 CM5 PS4 CH4 AL4"),
    ("daniel_ferrer", "Daniel Ferrer", "guest_relations", "concierge", "marta_castillo", 0.80, 2000, 14, "LA4 CO4 CM4 PS3 CH3 AL4"),
    # Security
    ("luis_herrero", "Luis Herrero", "security", "security_officer", "javier_ortega", 0.82, 900, 16, "SM4 PS4 CM3 CO3 TW3 LE3"),
    ("antonio_rubio", "Antonio Rubio", "security", "security_officer", "luis_herrero", 0.77, 700, 8, "SM4 PS3 CM2 CO2 TW3"),
    ("khaled_benali", "Khaled Benali", "security", "security_officer", "luis_herrero", 0.73, 650, 6, "SM3 PS3 CM3 CO3 TW4 LA3"),
    # Restaurant
    ("fernando_gallego", "Fernando Gallego", "restaurant", "maitre_d", "ricardo_soler", 0.78, 2600, 18, "LE3 CH4 CO5 CA3 PL3 LA4"),
    ("cristina_blanco", "Cristina Blanco", "restaurant", "waiter", "fernando_gallego", 0.82, 2400, 10, "CO4 CM4 LA3 TW4 SM3 CH3"),
    ("alejandro_mora", "Alejandro Mora", "restaurant", "waiter", "fernando_gallego", 0.64, 2300, 4, "CO3 CM3 LA2 TW4 SM2 CH2"),
    ("patricia_leon", "Patricia León", "restaurant", "waiter", "fernando_gallego", 0.74, 2500, 8, "CO4 CM3 LA4 TW3 SM3 CH2"),
    ("victor_serrano", "Víctor Serrano", "restaurant", "waiter", "fernando_gallego", 0.56, 2200, 2, "CO2 CM2 LA1 TW3 SM2 CH1"),
    ("julia_marin", "Julia Marín", "restaurant", "waiter", "fernando_gallego", 0.88, 2450, 14, "CO5 CM4 LA4 TW4 SM4 CH3"),
    ("emma_walsh", "Emma Walsh", "restaurant", "waiter", "fernando_gallego", 0.70, 2350, 6, "CO4 CM4 LA5 TW3 SM3 CH2"),
    # Kitchen
    ("jorge_navarro", "Jorge Navarro", "kitchen", "head_chef", "ricardo_soler", 0.66, 40, 10, "LE2 TS4 PL3 SM3 CA2 TW4"),
    ("ines_castro", "Inés Castro", "kitchen", "cook", "jorge_navarro", 0.72, 30, 16, "LE4 TS5 PL4 SM4 CA3 TW3"),
    ("raquel_ortiz", "Raquel Ortiz", "kitchen", "cook", "jorge_navarro", 0.70, 20, 8, "TS4 TW4 SM3 PL2"),
    ("miguel_angel_soto", "Miguel Ángel Soto", "kitchen", "cook", "jorge_navarro", 0.60, 15, 4, "TS3 TW4 SM2 PL2"),
    ("nicolas_vela", "Nicolás Vela", "kitchen", "cook", "jorge_navarro", 0.64, 25, 6, "TS4 TW3 SM2 PL1"),
    ("samuel_okafor", "Samuel Okafor", "kitchen", "cook", "jorge_navarro", 0.76, 35, 12, "TS3 TW4 SM3 PL3 LA3"),
    # Bar
    ("diego_crespo", "Diego Crespo", "bar", "bartender", "ricardo_soler", 0.84, 3000, 12, "CO5 CM4 TS4 LA3 AL3"),
    ("lorena_pastor", "Lorena Pastor", "bar", "bartender", "diego_crespo", 0.69, 2800, 6, "CO4 CM3 TS3 LA2 AL2"),
    # Purchasing
    ("francisco_lozano", "Francisco Lozano", "purchasing", "buyer", "beatriz_campos", 0.60, 2, 6, "PL3 TS3 CM2 PS3"),
    ("silvia_marquez", "Silvia Márquez", "purchasing", "buyer", "francisco_lozano", 0.65, 0, 4, "PL3 TS2 CM3 PS2"),
    # Accounting
    ("rocio_benitez", "Rocío Benítez", "accounting", "accountant", "beatriz_campos", 0.80, 40, 16, "TS5 PL4 CM3 PS4 CO3"),
    ("alvaro_calvo", "Álvaro Calvo", "accounting", "accountant", "rocio_benitez", 0.74, 4, 8, "TS4 PL3 CM2 PS3 CO2"),
    ("teresa_lara", "Teresa Lara", "accounting", "accountant", "rocio_benitez", 0.71, 0, 10, "TS4 PL3 CM2 PS3"),
    # Records (no formal position: a person without a position has fit 1)
    ("felipe_rojas", "Felipe Rojas", "records", None, "beatriz_campos", 0.76, 0, 2, "TS3 PL3 TW2"),
]
# user data kept on round trip
PERSON_X = {"elena_vargas": {"x-hr-system-id": "EMP-0001"},
            "felipe_rojas": {"x-hr-system-id": "EMP-0417"}}

SEGMENTS = [
    ("business", "Business travellers", "Viajeros de negocios", 400),
    ("leisure", "Leisure families", "Familias de vacaciones", 900),
    ("event_organizers", "Event organizers", "Organizadores de eventos", 120),
]

# ---------------------------------------------------------------------------
# Services (from serves to): from, to, name EN, name ES, weight, rating
# ---------------------------------------------------------------------------
SERVICES = [
    ("gm", "rooms", "Strategy, budget and resourcing", "Estrategia, presupuesto y recursos", 0.30, None),
    ("gm", "fnb", "Strategy, budget and resourcing", "Estrategia, presupuesto y recursos", 0.30, 0.70),
    ("gm", "admin", "Financial targets and approvals", "Objetivos financieros y aprobaciones", 0.25, None),
    ("gm", "hr", "People strategy and headcount approval", "Estrategia de personas y aprobación de plantilla", 0.30, 0.65),
    ("rooms", "front_desk", "Supervision, standards and rostering", "Supervisión, estándares y turnos", 0.15, 0.74),
    ("rooms", "housekeeping", "Occupancy forecasts and standards", "Previsión de ocupación y estándares", 0.10, None),
    ("rooms", "reservations", "Pricing and availability strategy", "Estrategia de precios y disponibilidad", 0.20, 0.80),
    ("rooms", "guest_relations", "Service standards and VIP priorities", "Estándares de servicio y prioridades VIP", 0.20, None),
    ("rooms", "security", "Operating procedures", "Procedimientos operativos", 0.25, None),
    ("rooms", "maintenance", "Maintenance priorities", "Prioridades de mantenimiento", 0.10, 0.60),
    ("fnb", "restaurant", "Menus, standards and rostering", "Cartas, estándares y turnos", 0.15, None),
    ("fnb", "kitchen", "Menu engineering and cost targets", "Ingeniería de menús y objetivos de coste", 0.15, 0.62),
    ("fnb", "bar", "Beverage list and service standards", "Carta de bebidas y estándares de servicio", 0.25, None),
    ("hr", "front_desk", "Recruiting and training", "Selección y formación", 0.10, 0.58),
    ("hr", "housekeeping", "Recruiting and training", "Selección y formación", 0.10, 0.50),
    ("hr", "restaurant", "Recruiting and training", "Selección y formación", 0.10, None),
    ("hr", "kitchen", "Recruiting and training", "Selección y formación", 0.10, None),
    ("hr", "call_centre", "Recruiting and training", "Selección y formación", 0.10, 0.55),
    ("hr", "records", "Personnel files for archiving", "Expedientes de personal para archivo", 0.30, None),
    ("admin", "purchasing", "Budget approvals and supplier policy", "Aprobación de presupuestos y política de proveedores", 0.15, None),
    ("admin", "accounting", "Accounting policies and closing calendar", "Políticas contables y calendario de cierre", 0.20, 0.85),
    ("call_centre", "reservations", "Phone bookings and changes", "Reservas y cambios por teléfono", 0.20, 0.68),
    ("reservations", "call_centre", "Availability, rates and confirmations", "Disponibilidad, tarifas y confirmaciones", 0.25, 0.82),
    ("reservations", "front_desk", "Arrival lists and guest preferences", "Listas de llegadas y preferencias de huéspedes", 0.20, 0.86),
    ("reservations", "guest_relations", "Group and event bookings", "Reservas de grupos y eventos", 0.15, None),
    ("reservations", "restaurant", "Half-board plans and group covers", "Regímenes de media pensión y cubiertos de grupos", 0.10, 0.77),
    ("housekeeping", "front_desk", "Clean-room status", "Estado de habitaciones limpias", 0.25, 0.63),
    ("front_desk", "housekeeping", "Room assignments and guest requests", "Asignación de habitaciones y peticiones de huéspedes", 0.20, 0.71),
    ("housekeeping", "maintenance", "Fault reports from rooms", "Partes de averías en habitaciones", 0.25, 0.69),
    ("maintenance", "housekeeping", "Room repairs", "Reparaciones en habitaciones", 0.20, 0.52),
    ("maintenance", "front_desk", "Repairs after guest complaints", "Reparaciones tras quejas de huéspedes", 0.10, None),
    ("maintenance", "bar", "Bar equipment repairs", "Reparación de equipos del bar", 0.10, None),
    ("restaurant", "kitchen", "Guest orders", "Comandas de clientes", 0.25, 0.75),
    ("kitchen", "restaurant", "Dishes plated on time", "Platos emplatados a tiempo", 0.35, 0.78),
    ("purchasing", "kitchen", "Fresh produce and supplies", "Productos frescos y suministros", 0.25, 0.57),
    ("kitchen", "purchasing", "Requisitions and forecasts", "Pedidos internos y previsiones", 0.30, 0.66),
    ("purchasing", "bar", "Beverage supplies", "Suministro de bebidas", 0.20, None),
    ("purchasing", "housekeeping", "Linen, amenities and cleaning products", "Lencería, amenities y productos de limpieza", 0.15, 0.61),
    ("purchasing", "maintenance", "Spare parts", "Repuestos", 0.15, None),
    ("kitchen", "bar", "Snacks and garnishes", "Aperitivos y guarniciones", 0.10, None),
    ("front_desk", "guest_relations", "Guest requests and VIP alerts", "Peticiones de huéspedes y avisos VIP", 0.20, 0.80),
    ("security", "guest_relations", "Lost property and incident reports", "Objetos perdidos e informes de incidencias", 0.10, None),
    ("front_desk", "accounting", "Guest folios and night audit", "Facturas de huéspedes y auditoría nocturna", 0.30, 0.72),
    ("restaurant", "accounting", "Daily sales and room-charge vouchers", "Ventas diarias y vales de cargo a habitación", 0.15, None),
    ("accounting", "records", "Closed accounts for archiving", "Cuentas cerradas para archivo", 0.40, None),
]

# ---------------------------------------------------------------------------
# Moments of truth: id, name EN, name ES, segment, owner, stage, importance,
# volume, channel (channel values are codes, not translated)
# ---------------------------------------------------------------------------
MOMENTS = [
    ("biz_booking", "Corporate booking", "Reserva corporativa", "business", "reservations", 1, 1.2, 420, "email"),
    ("biz_checkin", "Express check-in", "Check-in exprés", "business", "front_desk", 2, 2.5, 400, "in person"),
    ("biz_room", "Room ready for work and rest", "Habitación lista para trabajar y descansar", "business", "housekeeping", 3, 3.0, 1100, "in person"),
    ("biz_breakfast", "Early breakfast", "Desayuno temprano", "business", "restaurant", 4, 1.5, 900, "in person"),
    ("biz_concierge", "Business services and transport", "Servicios de negocios y transporte", "business", "guest_relations", 5, 1.0, 150, "in person"),
    ("biz_problem", "Problem resolution", "Resolución de problemas", "business", "guest_relations", 6, 2.0, 60, "phone"),
    ("biz_checkout", "Check-out and invoice", "Check-out y factura", "business", "front_desk", 7, 2.0, 400, "in person"),
    ("biz_followup", "Post-stay follow-up", "Seguimiento tras la estancia", "business", "call_centre", 8, 0.5, 250, "email"),
    ("fam_booking", "Holiday booking by phone", "Reserva de vacaciones por teléfono", "leisure", "call_centre", 1, 1.5, 600, "phone"),
    ("fam_checkin", "Family check-in", "Check-in familiar", "leisure", "front_desk", 2, 2.5, 900, "in person"),
    ("fam_room", "Clean, safe family room", "Habitación familiar limpia y segura", "leisure", "housekeeping", 3, 3.0, 2000, "in person"),
    ("fam_repair", "In-room repair visit", "Visita de reparación en la habitación", "leisure", "maintenance", 4, 1.5, 120, "in person"),
    ("fam_dinner", "Buffet dinner", "Cena bufé", "leisure", "restaurant", 5, 2.0, 1800, "in person"),
    ("fam_poolbar", "Pool bar service", "Servicio del bar de piscina", "leisure", "bar", 6, 1.0, 1500, "in person"),
    ("fam_excursions", "Excursions and kids' activities", "Excursiones y actividades infantiles", "leisure", "guest_relations", 7, 1.0, 350, "in person"),
    ("fam_checkout", "Check-out", "Check-out", "leisure", "front_desk", 8, 1.5, 900, "in person"),
    ("evt_enquiry", "Event enquiry and proposal", "Consulta y propuesta de evento", "event_organizers", "reservations", 1, 2.0, 50, "email"),
    ("evt_site_visit", "Site inspection", "Visita de inspección", "event_organizers", "guest_relations", 2, 1.5, 30, "in person"),
    ("evt_arrival", "Group arrival", "Llegada del grupo", "event_organizers", "front_desk", 3, 2.0, 60, "in person"),
    ("evt_setup", "Meeting room and AV set-up", "Montaje de sala y audiovisuales", "event_organizers", "maintenance", 4, 2.5, 80, "in person"),
    ("evt_access", "Event access control", "Control de acceso al evento", "event_organizers", "security", 5, 1.0, 60, "in person"),
    ("evt_banquet", "Banquet and coffee breaks", "Banquete y pausas café", "event_organizers", "restaurant", 6, 3.0, 150, "in person"),
    ("evt_problem", "On-site problem handling", "Gestión de incidencias en el evento", "event_organizers", "guest_relations", 7, 2.0, 30, "phone"),
    ("evt_billing", "Master account billing", "Facturación de la cuenta maestra", "event_organizers", "accounting", 8, 1.5, 35, "email"),
]

# ---------------------------------------------------------------------------
# Policies: id, statement EN, statement ES, standards (id, metric, scope, op, target)
# ---------------------------------------------------------------------------
POLICIES = [
    ("excellent_front_line",
     "Every customer-facing unit delivers excellent service at every moment of truth.",
     "Cada unidad de primera línea presta un servicio excelente en cada momento de la verdad.",
     [("operative_delivered_quality", "unit.delivered_quality", {"level": "operative"}, ">=", 0.75),
      ("moment_quality", "moment.quality", {}, ">=", 0.75),
      ("business_satisfaction", "segment.satisfaction", {"segment": "business"}, ">=", 0.8),
      ("csi_target", "org.csi", {}, ">=", 80)]),
    ("everyone_meets_customers",
     "Everyone meets customers a few times a year, and no unit is far from them.",
     "Todos se reúnen con clientes varias veces al año y ninguna unidad está lejos de ellos.",
     [("contacts_per_year", "person.customer_contacts_per_year", {}, ">=", 4),
      ("customer_distance", "unit.customer_distance", {}, "<=", 2),
      ("rooms_close_to_customer", "unit.customer_distance", {"unit": "rooms"}, "<=", 1)]),
    ("flat_organization",
     "Few layers stand between what customers say and the people who do the work.",
     "Pocos niveles separan lo que dicen los clientes de las personas que hacen el trabajo.",
     [("max_layers", "unit.layers", {}, "<=", 2),
      ("max_span", "manager.span_of_control", {}, "<=", 8),
      ("rooms_division_quality", "unit.quality", {"unit": "rooms"}, ">=", 0.7)]),
    ("right_person_trained",
     "The right person in the right position, trained in service every year.",
     "La persona adecuada en el puesto adecuado, formada en servicio cada año.",
     [("operative_fit", "person.fit", {"level": "operative"}, ">=", 0.7),
      ("managerial_fit", "person.fit", {"level": "managerial"}, ">=", 0.8),
      ("training_hours", "person.training_hours", {}, ">=", 16),
      ("checkin_quality", "moment.quality", {"moment": "biz_checkin"}, ">=", 0.85)]),
]

# ---------------------------------------------------------------------------
# Plans: actions (id, title EN, title ES, type, stage, target, effect, cost,
# duration_days, after, owner, due)
# ---------------------------------------------------------------------------
PLAN_START = "2026-01-12"
PLANS = [
    ("service_recovery_2026", "Rooms service recovery plan 2026", "Plan de recuperación del servicio de alojamiento 2026", 18000, [
        ("sr01", "Fix the clean-room status handover to the front desk", "Corregir el traspaso del estado de habitaciones limpias a recepción",
         "immediate", "done", {"unit": "housekeeping"}, {"quality": 0.03}, 500, 5, [], "rosa_delgado", "2026-01-19"),
        ("sr02", "Complaint-handling workshop for receptionists", "Taller de gestión de quejas para recepcionistas",
         "corrective", "do", {"unit": "front_desk"}, {"competency": "complaint_handling", "delta": 1}, 2400, 10, [], "nuria_pascual", "2026-01-30"),
        ("sr03", "Preventive maintenance calendar for guest rooms", "Calendario de mantenimiento preventivo de habitaciones",
         "preventive", "check", {"unit": "maintenance"}, {"quality": 0.08}, 3500, 30, [], "pedro_alonso", "2026-02-20"),
        ("sr04", "Empower receptionists to resolve complaints up to 150 EUR", "Facultar a recepción para resolver quejas de hasta 150 EUR",
         "improvement", "plan", {"unit": "front_desk"}, {"quality": 0.05}, 800, 15, ["sr02"], "javier_ortega", "2026-02-27"),
        ("sr05", "Guest-language course for the front desk", "Curso de idiomas para recepción",
         "improvement", "plan", {"unit": "front_desk"}, {"competency": "languages", "delta": 1}, 3200, 40, ["sr02"], "nuria_pascual", "2026-04-10"),
        ("sr06", "Recognition programme for room attendants", "Programa de reconocimiento para camareras de pisos",
         "improvement", "plan", {"unit": "housekeeping"}, {"morale": 0.1}, 2000, 20, [], "nuria_pascual", "2026-02-13"),
        ("sr07", "Room inspection checklist and mystery guest", "Lista de inspección de habitaciones y cliente misterioso",
         "preventive", "plan", {"unit": "housekeeping"}, {"quality": 0.05}, 1500, 25, ["sr01", "sr06"], "rosa_delgado", "2026-03-20"),
        ("sr08", "New telephony and CRM for the call centre", "Nueva telefonía y CRM para el centro de llamadas",
         "improvement", "plan", {"unit": "call_centre"}, {"quality": 0.1}, 9000, 45, [], "sofia_mendez", "2026-03-31"),
        ("sr09", "Active-listening coaching for call-centre agents", "Coaching de escucha activa para el centro de llamadas",
         "corrective", "plan", {"unit": "call_centre"}, {"competency": "active_listening", "delta": 1}, 1600, 10, ["sr08"], "irene_fuentes", "2026-04-17"),
        ("sr10", "Coach the front-office supervisor in service leadership", "Coaching en liderazgo de servicio para el jefe de recepción",
         "improvement", "plan", {"person": "raul_molina"}, {"competency": "coaching", "delta": 1}, 900, 20, [], "javier_ortega", "2026-02-13"),
        ("sr11", "Follow up every complaint within 24 hours", "Seguimiento de cada queja en 24 horas",
         "preventive", "plan", {"unit": "guest_relations"}, {"quality": 0.06}, 600, 10, ["sr04"], "marta_castillo", "2026-03-13"),
        ("sr12", "Quarterly customer visits for back-office staff", "Visitas trimestrales a clientes para el personal de oficina",
         "improvement", "plan", {"unit": "accounting"}, {"morale": 0.05}, 300, 5, [], "beatriz_campos", "2026-01-30"),
    ]),
    ("fnb_quality_2026", "Food & beverage quality plan 2026", "Plan de calidad de alimentos y bebidas 2026", 12000, [
        ("fb01", "Cold-chain audit of fresh-produce suppliers", "Auditoría de la cadena de frío de proveedores de frescos",
         "immediate", "check", {"unit": "purchasing"}, {"quality": 0.04}, 700, 7, [], "francisco_lozano", "2026-01-21"),
        ("fb02", "Supplier scorecard and a second fresh-produce supplier", "Cuadro de mando de proveedores y segundo proveedor de frescos",
         "corrective", "plan", {"unit": "purchasing"}, {"quality": 0.08}, 4000, 30, ["fb01"], "beatriz_campos", "2026-03-06"),
        ("fb03", "Kitchen display system for restaurant orders", "Sistema de pantallas en cocina para las comandas",
         "improvement", "plan", {"unit": "kitchen"}, {"quality": 0.06}, 6500, 40, [], "jorge_navarro", "2026-03-06"),
        ("fb04", "Stress-management workshop for the kitchen brigade", "Taller de manejo del estrés para la brigada de cocina",
         "preventive", "plan", {"unit": "kitchen"}, {"competency": "stress_management", "delta": 1}, 1200, 8, [], "nuria_pascual", "2026-02-06"),
        ("fb05", "Table-side service-recovery training for waiters", "Formación en recuperación del servicio en sala",
         "corrective", "plan", {"unit": "restaurant"}, {"competency": "complaint_handling", "delta": 1}, 1500, 10, [], "fernando_gallego", "2026-02-13"),
        ("fb06", "Menu tasting with guest families", "Degustación del menú con familias huéspedes",
         "improvement", "plan", {"unit": "restaurant"}, {"quality": 0.04}, 800, 14, ["fb03"], "ricardo_soler", "2026-03-27"),
        ("fb07", "Pool-bar service standards", "Estándares de servicio del bar de piscina",
         "improvement", "plan", {"unit": "bar"}, {"quality": 0.05}, 900, 12, [], "diego_crespo", "2026-02-27"),
        ("fb08", "Better staff canteen and break room", "Mejor comedor de personal y sala de descanso",
         "improvement", "plan", {"unit": "kitchen"}, {"morale": 0.08}, 2500, 15, [], "ricardo_soler", "2026-02-20"),
        ("fb09", "Guest-language course for waiters", "Curso de idiomas para camareros de sala",
         "improvement", "plan", {"unit": "restaurant"}, {"competency": "languages", "delta": 1}, 2800, 30, ["fb05"], "nuria_pascual", "2026-04-03"),
    ]),
]

# ---------------------------------------------------------------------------
# Default maturity model (§4.9): seven processes + six levers
# ---------------------------------------------------------------------------
MATURITY = [
    ("true_north", "True north: mission, vision and values", "Norte verdadero: misión, visión y valores", [
        ("tn1", "Our mission, vision and values are written down and known by everyone.",
         "Nuestra misión, visión y valores están escritos y todos los conocen."),
        ("tn2", "Staff can explain how their daily work serves the mission.",
         "El personal sabe explicar cómo su trabajo diario sirve a la misión."),
        ("tn3", "Decisions at every level are consistent with our values.",
         "Las decisiones en todos los niveles son coherentes con nuestros valores."),
    ]),
    ("meaning", "Meaning and personal plans of workers", "Sentido y planes personales de los trabajadores", [
        ("mp1", "Each worker has a personal development plan agreed with the manager.",
         "Cada trabajador tiene un plan de desarrollo personal acordado con su jefe."),
        ("mp2", "People understand what their work means to the customer.",
         "Las personas entienden lo que su trabajo significa para el cliente."),
        ("mp3", "Personal goals are reviewed at least once a year.",
         "Los objetivos personales se revisan al menos una vez al año."),
    ]),
    ("alignment", "Alignment with job profiles", "Alineación con los perfiles de puesto", [
        ("al1", "Every position has an up-to-date profile with the competencies it requires.",
         "Cada puesto tiene un perfil actualizado con las competencias que exige."),
        ("al2", "People are selected and placed according to the job profile.",
         "Las personas se seleccionan y ubican según el perfil del puesto."),
        ("al3", "Gaps between people and their profiles are reviewed and acted on.",
         "Las brechas entre las personas y sus perfiles se revisan y se corrigen."),
    ]),
    ("leadership", "Leadership of leaders", "Líder de líderes", [
        ("ld1", "Leaders coach their teams regularly.",
         "Los líderes hacen coaching a sus equipos con regularidad."),
        ("ld2", "Leaders set the example in serving customers and staff.",
         "Los líderes dan ejemplo en el servicio a clientes y colaboradores."),
        ("ld3", "Leaders receive training and feedback on how they lead.",
         "Los líderes reciben capacitación y retroalimentación sobre cómo lideran."),
    ]),
    ("training", "Service-excellence training", "Capacitación en excelencia en el servicio", [
        ("tr1", "Everyone receives service-excellence training suited to their level.",
         "Todos reciben capacitación en excelencia en el servicio adaptada a su nivel."),
        ("tr2", "Training covers the moments of truth and complaint handling.",
         "La capacitación trata los momentos de la verdad y el manejo de quejas."),
        ("tr3", "The effect of training on service is measured.",
         "Se mide el efecto de la capacitación en el servicio."),
    ]),
    ("policies", "Policies, norms and standards of service", "Políticas, normas y estándares de servicio", [
        ("ps1", "Service policies are written and communicated to everyone.",
         "Las políticas de servicio están escritas y se comunican a todos."),
        ("ps2", "Service standards are measurable and monitored.",
         "Los estándares de servicio son medibles y se controlan."),
        ("ps3", "Results against the standards are shared with the teams.",
         "Los resultados frente a los estándares se comparten con los equipos."),
    ]),
    ("emotional_conditions", "Emotional conditions: empathy and emotional intelligence", "Condiciones emocionales: empatía e inteligencia emocional", [
        ("em1", "Managers show empathy towards their staff.",
         "Los jefes muestran empatía hacia su personal."),
        ("em2", "People manage their stress and emotions well in difficult encounters.",
         "Las personas manejan bien su estrés y sus emociones en los encuentros difíciles."),
        ("em3", "The work climate is measured and improved.",
         "El clima laboral se mide y se mejora."),
    ]),
    ("lever_involvement", "Lever: involvement in decisions", "Palanca: participación en las decisiones", [
        ("li1", "Staff are consulted on decisions that affect their work.",
         "Se consulta al personal en las decisiones que afectan a su trabajo."),
        ("li2", "Staff suggestions are answered and put into practice.",
         "Las sugerencias del personal se responden y se ponen en práctica."),
    ]),
    ("lever_job_descriptions", "Lever: clear job descriptions", "Palanca: descripciones de puesto claras", [
        ("lj1", "Everyone has a clear, written job description.",
         "Todos tienen una descripción de puesto clara y por escrito."),
        ("lj2", "Everyone knows what is expected of them at each moment of truth.",
         "Todos saben qué se espera de ellos en cada momento de la verdad."),
    ]),
    ("lever_layers", "Lever: fewer management layers", "Palanca: menos niveles jerárquicos", [
        ("ll1", "Few management layers separate the front line from top management.",
         "Pocos niveles jerárquicos separan la primera línea de la alta dirección."),
        ("ll2", "Front-line staff can solve customer problems without escalating them.",
         "El personal de primera línea puede resolver los problemas de los clientes sin escalarlos."),
    ]),
    ("lever_quality_teams", "Lever: quality teams", "Palanca: equipos de calidad", [
        ("lq1", "Cross-department quality teams meet regularly.",
         "Equipos de calidad interdepartamentales se reúnen con regularidad."),
        ("lq2", "The proposals of quality teams are implemented.",
         "Las propuestas de los equipos de calidad se implantan."),
    ]),
    ("lever_informal_communication", "Lever: informal communication", "Palanca: comunicación informal", [
        ("lc1", "Managers are accessible and talk informally with their staff.",
         "Los jefes son accesibles y conversan informalmente con su personal."),
        ("lc2", "Information flows freely between departments.",
         "La información fluye libremente entre departamentos."),
    ]),
    ("lever_customer_measurement", "Lever: measuring customer satisfaction, customers rate employees",
     "Palanca: medir la satisfacción del cliente y que los clientes evalúen a los empleados", [
        ("lm1", "Customer satisfaction is measured regularly and the results are shared.",
         "La satisfacción del cliente se mide con regularidad y los resultados se comparten."),
        ("lm2", "Customers can rate the employees who serve them.",
         "Los clientes pueden evaluar a los empleados que los atienden."),
        ("lm3", "Everyone meets customers a few times a year.",
         "Todos se reúnen con clientes varias veces al año."),
    ]),
]

# ---------------------------------------------------------------------------
# Default curriculum (§4.6): id, title EN, title ES, level, raises, hours, cost
# ---------------------------------------------------------------------------
CURRICULUM = [
    ("dir_customer_strategy", "Customer-orientation strategy", "Estrategia de orientación al cliente",
     "directive", "CO1 PL1", 16, 1200),
    ("dir_service_vision", "Communicating the service vision", "Comunicar la visión de servicio",
     "directive", "CM1 LE1 CA1", 12, 950),
    ("dir_resourcing_quality", "Resourcing service quality", "Dotar de recursos a la calidad del servicio",
     "directive", "PL1", 8, 700),
    # Induction, empowerment and recognition at every level (the seeds ask for them)
    ("dir_induction", "Induction of new executives: the service model and the internal customer chain",
     "Inducción de nuevos directivos: el modelo de servicio y la cadena de clientes internos",
     "directive", "CO1 CM1", 6, 500),
    ("dir_empowerment", "Empowerment policy: fewer layers, freedom to act at the front line",
     "Política de empoderamiento: menos niveles jerárquicos, libertad para actuar en la primera línea",
     "directive", "LE1 PL1", 8, 700),
    ("dir_recognition", "Recognition and incentive systems for service",
     "Sistemas de reconocimiento e incentivos al servicio",
     "directive", "LE1 CA1", 6, 600),
    ("mgr_department_mission", "The department's mission in service quality", "La misión del departamento en la calidad del servicio",
     "managerial", "CO1 PL1", 12, 600),
    ("mgr_manager_as_coach", "The manager as coach", "El jefe como coach",
     "managerial", "CA1 AL1", 16, 800),
    ("mgr_service_leadership", "Service leadership", "Liderazgo de servicio",
     "managerial", "LE1 CM1", 16, 850),
    ("mgr_improvement_planning", "Improvement planning (plan-do-check-act)", "Planificación de la mejora (planificar-hacer-verificar-actuar)",
     "managerial", "PL1 PS1", 12, 650),
    ("mgr_induction", "Induction of new managers and supervisors", "Inducción de nuevos gerentes y supervisores",
     "managerial", "CO1 TW1", 8, 400),
    ("mgr_technical_update", "Technical and in-service update for department heads",
     "Actualización técnica y en servicio para jefes de área",
     "managerial", "TS1", 16, 700),
    ("mgr_languages", "Languages for customer service", "Idiomas para la atención al cliente",
     "managerial", "LA1", 24, 900),
    ("mgr_empowerment", "Empowering the front line: delegating decisions and freedom to act",
     "Empoderar a la primera línea: delegar decisiones y dar libertad para actuar",
     "managerial", "LE1 PS1", 8, 450),
    ("mgr_recognition", "Recognizing good service", "Reconocer el buen servicio",
     "managerial", "CA1 TW1", 6, 350),
    ("mgr_escalated_complaints", "Escalated complaints and working under pressure",
     "Quejas escaladas y trabajo bajo presión",
     "managerial", "CH1 SM1", 8, 450),
    ("op_moments_of_truth", "Handling moments of truth", "Manejar los momentos de la verdad",
     "operative", "CO1 CM1", 8, 250),
    ("op_process_improvement", "Process improvement at the workplace", "Mejora de procesos en el puesto de trabajo",
     "operative", "PS1 TW1", 8, 280),
    ("op_active_listening", "Active listening", "Escucha activa",
     "operative", "AL1", 6, 200),
    ("op_problem_resolution", "Solving customers' problems", "Resolver los problemas de los clientes",
     "operative", "PS1", 6, 220),
    ("op_complaint_handling", "Complaint handling and service recovery", "Manejo de quejas y recuperación del servicio",
     "operative", "CH1", 8, 260),
    ("op_stress_management", "Stress management", "Manejo del estrés",
     "operative", "SM1", 6, 180),
    ("op_personal_goals", "Personal improvement goals", "Objetivos personales de mejora",
     "operative", "CO1 TW1", 4, 150),
    ("op_induction", "Induction of new employees: the organization, its customers and how work is organized",
     "Inducción de nuevos colaboradores: la organización, sus clientes y cómo se organiza el trabajo",
     "operative", "CO1 PL1", 8, 200),
    ("op_technical_skills", "Technical and in-service skills of the position",
     "Habilidades técnicas y capacitación en servicio del puesto",
     "operative", "TS1 PL1", 16, 400),
    ("op_languages", "Languages for customer service", "Idiomas para la atención al cliente",
     "operative", "LA1", 24, 600),
    ("op_empowerment", "Empowerment: solving the customer's problem on the spot, with freedom to act",
     "Empoderamiento: resolver el problema del cliente en el momento, con libertad para actuar",
     "operative", "PS1 CH1", 6, 220),
    ("op_recognition", "Recognition among colleagues: serving the internal customer",
     "Reconocimiento entre compañeros: servir al cliente interno",
     "operative", "TW1 CM1", 4, 120),
]

# ---------------------------------------------------------------------------
# Culture roadmap content (§4.14): per maturity process, the levers of §1 that
# serve it and action templates per level. Effects: Q = +quality of the unit,
# M = +morale of its people, a competency abbreviation = +levels of its people.
# (id, title EN, title ES, level, type, effect, cost, cost per person, days)
# ---------------------------------------------------------------------------
LEVERS = [
    ("involvement", "Involvement in decisions", "Participación en las decisiones"),
    ("job_descriptions", "Clear job descriptions", "Descripciones de puesto claras"),
    ("fewer_layers", "Fewer management layers", "Menos niveles jerárquicos"),
    ("quality_teams", "Quality teams", "Equipos de calidad"),
    ("informal_communication", "Informal communication", "Comunicación informal"),
    ("customer_measurement", "Measuring customer satisfaction and letting customers rate employees",
     "Medir la satisfacción del cliente y que los clientes evalúen a los colaboradores"),
]
ROADMAP = [
    ("true_north", "process", ["involvement", "informal_communication"], [
        ("tn_define", "Define and write the mission, vision and values with the management team",
         "Definir y escribir la misión, la visión y los valores con el equipo directivo",
         "directive", "improvement", "Q0.01", 2500, 0, 30),
        ("tn_cascade", "Cascade the mission and values to the department and set its service mission",
         "Bajar la misión y los valores al área y fijar su misión de servicio",
         "managerial", "improvement", "CM1", 600, 0, 20),
        ("tn_workshop", "Values workshop: how my daily work serves the mission",
         "Taller de valores: cómo mi trabajo diario sirve a la misión",
         "operative", "improvement", "M0.03", 300, 40, 10),
    ]),
    ("meaning", "process", ["involvement", "job_descriptions"], [
        ("mp_sponsor", "Sponsor a personal development plan for every worker",
         "Impulsar un plan de desarrollo personal para cada colaborador",
         "directive", "improvement", "M0.02", 1000, 0, 15),
        ("mp_agree_plans", "Agree a personal development plan with each member of the team",
         "Acordar un plan de desarrollo personal con cada integrante del equipo",
         "managerial", "improvement", "CA1", 400, 0, 30),
        ("mp_personal_goals", "Personal plan and goals: what my work means to the customer",
         "Plan y metas personales: lo que mi trabajo significa para el cliente",
         "operative", "improvement", "M0.04", 150, 30, 15),
    ]),
    ("alignment", "process", ["job_descriptions"], [
        ("al_profiles", "Approve an up-to-date job profile for every position",
         "Aprobar un perfil actualizado para cada puesto",
         "directive", "preventive", "Q0.01", 1500, 0, 20),
        ("al_review_gaps", "Review the gaps between people and their profiles and act on them",
         "Revisar las brechas entre las personas y sus perfiles y corregirlas",
         "managerial", "corrective", "PL1", 500, 0, 20),
        ("al_induction", "Induction to the position: its profile and in-service skills",
         "Inducción al puesto: su perfil y la capacitación en servicio",
         "operative", "preventive", "TS1", 200, 60, 10),
    ]),
    ("leadership", "process", ["fewer_layers", "informal_communication"], [
        ("ld_leader_of_leaders", "Leader of leaders: coaching the management team",
         "Líder de líderes: coaching al equipo directivo",
         "directive", "improvement", "CA1", 2000, 0, 30),
        ("ld_coaching_program", "Service leadership and coaching programme for managers and supervisors",
         "Programa de liderazgo de servicio y coaching para gerentes y supervisores",
         "managerial", "improvement", "LE1", 800, 100, 45),
        ("ld_one_to_one", "Regular one-to-one feedback with the supervisor",
         "Retroalimentación individual periódica con el supervisor",
         "operative", "improvement", "M0.03", 100, 0, 30),
    ]),
    ("training", "process", ["quality_teams", "customer_measurement"], [
        ("tr_plan", "Budget a service-excellence training plan for every level",
         "Presupuestar un plan de capacitación en excelencia en el servicio para cada nivel",
         "directive", "improvement", "Q0.01", 1000, 0, 15),
        ("tr_trainers", "Managers as in-service trainers of their teams",
         "Los gerentes como capacitadores en servicio de sus equipos",
         "managerial", "improvement", "CA1", 600, 80, 30),
        ("tr_moments", "Service-excellence training: moments of truth and complaint handling",
         "Capacitación en excelencia en el servicio: momentos de la verdad y manejo de quejas",
         "operative", "improvement", "CO1", 250, 50, 20),
    ]),
    ("policies", "process", ["customer_measurement", "job_descriptions"], [
        ("ps_policies", "Write the service policies and communicate them to everyone",
         "Escribir las políticas de servicio y comunicarlas a todos",
         "directive", "preventive", "Q0.01", 1500, 0, 20),
        ("ps_standards", "Set measurable service standards for the department and monitor them",
         "Fijar estándares de servicio medibles para el área y darles seguimiento",
         "managerial", "preventive", "Q0.02", 500, 0, 30),
        ("ps_share_results", "Share the results against the standards with the team every month",
         "Compartir cada mes con el equipo los resultados frente a los estándares",
         "operative", "improvement", "Q0.01", 100, 0, 30),
    ]),
    ("emotional_conditions", "process", ["informal_communication", "involvement"], [
        ("em_climate", "Measure the work climate and act on the results",
         "Medir el clima laboral y actuar sobre los resultados",
         "directive", "improvement", "M0.02", 1800, 0, 30),
        ("em_empathy", "Empathy and emotional intelligence for managers",
         "Empatía e inteligencia emocional para gerentes",
         "managerial", "improvement", "AL1", 700, 90, 20),
        ("em_stress", "Stress and emotions in difficult encounters",
         "Estrés y emociones en los encuentros difíciles",
         "operative", "preventive", "SM1", 200, 40, 10),
    ]),
    ("lever_involvement", "lever", ["involvement"], [
        ("li_consult", "Consult the team before decisions that affect its work",
         "Consultar al equipo antes de las decisiones que afectan su trabajo",
         "managerial", "improvement", "M0.03", 200, 0, 30),
        ("li_suggestions", "Suggestion scheme that answers every suggestion",
         "Sistema de sugerencias que responde a cada sugerencia",
         "operative", "improvement", "M0.04", 150, 10, 30),
    ]),
    ("lever_job_descriptions", "lever", ["job_descriptions"], [
        ("lj_descriptions", "Write clear job descriptions with what is expected at each moment of truth",
         "Escribir descripciones de puesto claras con lo que se espera en cada momento de la verdad",
         "managerial", "preventive", "Q0.01", 400, 0, 20),
        ("lj_walkthrough", "Go through the job description with each person",
         "Repasar la descripción de puesto con cada persona",
         "operative", "preventive", "M0.02", 50, 10, 10),
    ]),
    ("lever_layers", "lever", ["fewer_layers"], [
        ("ll_structure", "Review the structure to remove a management layer",
         "Revisar la estructura para eliminar un nivel jerárquico",
         "directive", "improvement", "Q0.01", 3000, 0, 60),
        ("ll_delegate", "Empower the front line: delegate decisions and give freedom to act",
         "Empoderar a la primera línea: delegar decisiones y dar libertad para actuar",
         "managerial", "improvement", "LE1", 500, 60, 20),
        ("ll_empowerment", "Empowerment: solve the customer's problem on the spot",
         "Empoderamiento: resolver el problema del cliente en el momento",
         "operative", "improvement", "PS1", 200, 40, 15),
    ]),
    ("lever_quality_teams", "lever", ["quality_teams"], [
        ("lq_team", "Cross-department quality team that meets every month",
         "Equipo de calidad interdepartamental que se reúne cada mes",
         "managerial", "improvement", "Q0.02", 600, 0, 90),
        ("lq_circle", "Front-line improvement circle",
         "Círculo de mejora de la primera línea",
         "operative", "improvement", "TW1", 150, 20, 60),
    ]),
    ("lever_informal_communication", "lever", ["informal_communication"], [
        ("lc_walks", "Management walks and open-door hours",
         "Recorridos de la dirección y horarios de puertas abiertas",
         "directive", "improvement", "M0.02", 300, 0, 30),
        ("lc_huddles", "Daily huddles and informal talks with the team",
         "Reuniones breves diarias y conversaciones informales con el equipo",
         "managerial", "improvement", "M0.03", 100, 0, 30),
    ]),
    ("lever_customer_measurement", "lever", ["customer_measurement"], [
        ("lm_measure", "Measure customer satisfaction regularly and share the results",
         "Medir con regularidad la satisfacción del cliente y compartir los resultados",
         "directive", "improvement", "Q0.01", 2500, 0, 30),
        ("lm_meet_customers", "Every manager meets customers a few times a year",
         "Cada gerente se reúne con clientes varias veces al año",
         "managerial", "improvement", "CO1", 200, 0, 90),
        ("lm_recognition", "Customers rate the employees who serve them; recognize good service every month",
         "Los clientes evalúan a los colaboradores que los atienden; reconocer cada mes el buen servicio",
         "operative", "improvement", "M0.04", 200, 20, 30),
    ]),
]

# Strings translated outside the tables above
ES_EXTRA = {
    "Hotel Mirador": "Hotel Mirador",
}

# ---------------------------------------------------------------------------
# Model builders
# ---------------------------------------------------------------------------

def build_model():
    m = {"format": "servicechain/1",
         "x-source": {"generator": "examples/make_examples.py",
                      "note": "Fictional 4-star resort hotel; all people are invented."},
         "organization": {"id": "hotel_mirador", "name": "Hotel Mirador",
                          "x-hr-system-id": "MIR-ES-29"}}
    units = []
    for uid, en, _es, parent, level, q in UNITS:
        u = {"id": uid, "name": en, "parent": parent, "level": level}
        if q is not None:
            u["quality"] = q
        units.append(u)
    m["units"] = units
    m["competencies"] = [{"id": c, "name": en} for c, en, _ in COMPETENCIES]
    positions = []
    for pid, en, _es, unit, level, req, w in POSITIONS:
        p = {"id": pid, "title": en, "unit": unit, "level": level, "requires": comps(req)}
        if w:
            p["weights"] = comps(w)
        positions.append(p)
    m["positions"] = positions
    people = []
    for pid, name, unit, pos, mgr, morale, contacts, hours, cs in PEOPLE:
        p = {"id": pid, "name": name, "unit": unit}
        if pos is not None:
            p["position"] = pos
        p["manager"] = mgr
        p["morale"] = morale
        p["competencies"] = comps(cs)
        p["customer_contacts_per_year"] = contacts
        p["training_hours"] = hours
        p.update(PERSON_X.get(pid, {}))
        people.append(p)
    m["people"] = people
    m["segments"] = [{"id": s, "name": en, "size": size} for s, en, _es, size in SEGMENTS]
    services = []
    for f, t, en, _es, w, r in SERVICES:
        s = {"from": f, "to": t, "name": en, "weight": w}
        if r is not None:
            s["rating"] = r
        services.append(s)
    m["services"] = services
    m["moments_of_truth"] = [
        {"id": i, "name": en, "segment": seg, "owner": own, "stage": st,
         "importance": imp, "volume": vol, "channel": ch}
        for i, en, _es, seg, own, st, imp, vol, ch in MOMENTS]
    m["policies"] = [
        {"id": pid, "statement": en,
         "standards": [{"id": sid, "metric": met, "scope": sc, "op": op, "target": tg}
                       for sid, met, sc, op, tg in stds]}
        for pid, en, _es, stds in POLICIES]
    plans = []
    for pid, en, _es, budget, actions in PLANS:
        acts = []
        for (aid, ten, _tes, typ, stage, target, effect, cost, dur, after, owner, due) in actions:
            a = {"id": aid, "title": ten, "type": typ, "stage": stage, "target": target,
                 "effect": effect, "cost": cost, "duration_days": dur}
            if after:
                a["after"] = after
            a["owner"] = owner
            a["due"] = due
            acts.append(a)
        plans.append({"id": pid, "name": en, "start": PLAN_START, "budget": budget, "actions": acts})
    m["plans"] = plans
    m["assessment"] = {"responses": build_responses()}
    return m


def build_responses():
    """20 respondents scoring every item of the default maturity model.

    A latent maturity per process (weakest: leadership of leaders, emotional
    conditions, fewer layers, customers rate employees), plus a level bias:
    directors see the culture rosier than the front line does.
    """
    rng = random.Random(20260112)
    base = {"true_north": 3.6, "meaning": 2.7, "alignment": 3.1, "leadership": 2.4,
            "training": 2.9, "policies": 3.4, "emotional_conditions": 2.3,
            "lever_involvement": 2.6, "lever_job_descriptions": 3.5, "lever_layers": 2.2,
            "lever_quality_teams": 2.8, "lever_informal_communication": 3.2,
            "lever_customer_measurement": 2.9}
    item_shift = {"lm2": -0.6, "lm3": -0.4, "tn1": 0.4, "ps3": -0.5, "mp1": -0.4, "ld3": -0.3}
    bias = {"directive": 1.0, "managerial": 0.4, "operative": -0.3}
    levels = ["directive"] * 3 + ["managerial"] * 6 + ["operative"] * 11
    responses = []
    for i, level in enumerate(levels, start=1):
        person_bias = (rng.random() - 0.5) * 0.8
        scores = {}
        for proc, _en, _es, items in MATURITY:
            for iid, _t, _te in items:
                x = base[proc] + bias[level] + person_bias + item_shift.get(iid, 0.0) + (rng.random() - 0.5) * 1.6
                scores[iid] = max(1, min(5, int(round(x))))
        responses.append({"respondent": "resp%02d" % i, "level": level, "scores": scores})
    return responses


def spanish_dict():
    d = dict(ES_EXTRA)

    def add(en, es):
        if en in d and d[en] != es:
            raise SystemExit("inconsistent translation for %r: %r vs %r" % (en, d[en], es))
        d[en] = es
    for _u, en, es, *_ in UNITS:
        add(en, es)
    for _c, en, es in COMPETENCIES:
        add(en, es)
    for _p, en, es, *_ in POSITIONS:
        add(en, es)
    for _s, en, es, _n in SEGMENTS:
        add(en, es)
    for _f, _t, en, es, *_ in SERVICES:
        add(en, es)
    for _i, en, es, *_ in MOMENTS:
        add(en, es)
    for _p, en, es, _s in POLICIES:
        add(en, es)
    for _p, en, es, _b, actions in PLANS:
        add(en, es)
        for a in actions:
            add(a[1], a[2])
    return d


def translate_model(m):
    """hotel-es.json: same ids and numbers, Spanish names/titles/statements."""
    tr = spanish_dict()
    es = json.loads(json.dumps(m))

    def t(s):
        if s not in tr:
            raise SystemExit("no Spanish translation for %r" % s)
        return tr[s]
    es["organization"]["name"] = t(es["organization"]["name"])
    for k, field in (("units", "name"), ("competencies", "name"), ("positions", "title"),
                     ("segments", "name"), ("services", "name"), ("moments_of_truth", "name"),
                     ("policies", "statement"), ("plans", "name")):
        for obj in es.get(k, []):
            obj[field] = t(obj[field])
    for plan in es["plans"]:
        for a in plan["actions"]:
            a["title"] = t(a["title"])
    es["x-source"]["note"] = "Hotel ficticio de 4 estrellas; todas las personas son inventadas."
    return es


def build_curriculum(lang):
    i = 1 if lang == "en" else 2
    return [{"id": row[0], "title": row[i], "level": row[3], "raises": comps(row[4]),
             "hours": row[5], "cost": row[6]} for row in CURRICULUM]


def roadmap_effect(spec):
    """'Q0.01' -> {"quality": 0.01}, 'M0.03' -> {"morale": 0.03}, 'CM1' -> {"competency": "communication", "delta": 1}."""
    if spec[0] == "Q":
        return {"quality": float(spec[1:])}
    if spec[0] == "M":
        return {"morale": float(spec[1:])}
    return {"competency": ABBR[spec[:2]], "delta": int(spec[2:])}


def build_roadmap(lang):
    i = 1 if lang == "en" else 2
    maturity_ids = [pid for pid, *_ in MATURITY]
    assert [pid for pid, *_ in ROADMAP] == maturity_ids, "roadmap content follows the maturity model's order"
    return {
        "levers": [{"id": row[0], "name": row[i]} for row in LEVERS],
        "processes": [
            {"process": pid, "kind": kind, "levers": levers,
             "actions": [{"id": a[0], "title": a[i], "level": a[3], "type": a[4], "effect": roadmap_effect(a[5]),
                          "cost": a[6], "cost_per_person": a[7], "duration_days": a[8]} for a in actions]}
            for pid, kind, levers, actions in ROADMAP]}


def build_maturity(lang):
    i = 1 if lang == "en" else 2
    return {"processes": [
        {"id": pid, "name": (en if lang == "en" else es),
         "items": [{"id": iid, "text": it[i]} for it in items for iid in [it[0]]]}
        for pid, en, es, items in MATURITY]}


# ---------------------------------------------------------------------------
# Surveys
# ---------------------------------------------------------------------------
DIMS = [("tangibles", range(1, 5)), ("reliability", range(5, 10)),
        ("responsiveness", range(10, 14)), ("assurance", range(14, 18)),
        ("empathy", range(18, 23))]


def dim_of(i):
    for name, r in DIMS:
        if i in r:
            return name
    raise ValueError(i)


def clamp_int(x, lo, hi):
    return max(lo, min(hi, int(round(x))))


def build_servqual():
    rng = random.Random(7)
    # expectations by segment and dimension (1-7), perceptions by dimension
    exp = {"business": {"tangibles": 5.6, "reliability": 6.7, "responsiveness": 6.5, "assurance": 6.1, "empathy": 5.4},
           "leisure": {"tangibles": 6.2, "reliability": 6.3, "responsiveness": 5.8, "assurance": 5.9, "empathy": 6.2},
           "event_organizers": {"tangibles": 6.0, "reliability": 6.8, "responsiveness": 6.6, "assurance": 6.4, "empathy": 5.6}}
    per = {"business": {"tangibles": 5.8, "reliability": 5.5, "responsiveness": 5.0, "assurance": 5.9, "empathy": 5.2},
           "leisure": {"tangibles": 5.6, "reliability": 5.7, "responsiveness": 5.3, "assurance": 5.8, "empathy": 5.9},
           "event_organizers": {"tangibles": 5.9, "reliability": 5.6, "responsiveness": 5.4, "assurance": 6.0, "empathy": 5.5}}
    moments = {"business": ["biz_checkin", "biz_checkin", "biz_room", "biz_checkout", "biz_breakfast"],
               "leisure": ["fam_checkin", "fam_room", "fam_room", "fam_dinner", "fam_checkout", "fam_poolbar"],
               "event_organizers": ["evt_banquet", "evt_setup", "evt_arrival"]}
    weights_by_seg = {"business": [10, 35, 30, 15, 10], "leisure": [20, 25, 15, 15, 25],
                      "event_organizers": [15, 35, 25, 15, 10]}
    segs = ["business"] * 12 + ["leisure"] * 16 + ["event_organizers"] * 8
    header = (["respondent", "segment", "moment"] + ["E%d" % i for i in range(1, 23)]
              + ["P%d" % i for i in range(1, 23)]
              + ["W_tangibles", "W_reliability", "W_responsiveness", "W_assurance", "W_empathy"])
    rows = []
    for n, seg in enumerate(segs, start=1):
        mood = (rng.random() - 0.5) * 1.6   # respondent's overall experience
        strict = (rng.random() - 0.5) * 0.8
        row = ["S%03d" % n, seg, moments[seg][int(rng.random() * len(moments[seg]))]]
        E = [clamp_int(exp[seg][dim_of(i)] + strict + (rng.random() - 0.5) * 1.4, 1, 7) for i in range(1, 23)]
        P = [clamp_int(per[seg][dim_of(i)] + mood + (rng.random() - 0.5) * 1.8, 1, 7) for i in range(1, 23)]
        w = list(weights_by_seg[seg])
        # personal variation of the points, keeping the total at 100
        for _ in range(2):
            a, b = int(rng.random() * 5), int(rng.random() * 5)
            if a != b and w[a] >= 10:
                w[a] -= 5
                w[b] += 5
        row += [str(x) for x in E] + [str(x) for x in P] + [str(x) for x in w]
        rows.append(row)
    # a few blank answers (E or P) -- pairs that do not count
    for r, col in ((3, "E7"), (8, "P12"), (15, "P3"), (15, "P4"), (22, "E20"), (30, "P18")):
        rows[r][header.index(col)] = ""
    # moment left out by some respondents (optional column)
    rows[5][2] = ""
    rows[26][2] = ""
    # weights: two rows with other totals, two rows blank, one row incomplete
    wi = header.index("W_tangibles")
    rows[10][wi:wi + 5] = ["10", "40", "30", "10", "10"]      # 100 ok
    rows[12][wi:wi + 5] = ["20", "30", "20", "10", "10"]      # 90
    rows[19][wi:wi + 5] = ["25", "30", "25", "20", "10"]      # 110
    rows[7][wi:wi + 5] = ["", "", "", "", ""]
    rows[24][wi:wi + 5] = ["", "", "", "", ""]
    rows[33][wi:wi + 5] = ["20", "40", "", "20", "20"]         # incomplete
    return header, rows


def build_servqual_managers():
    rng = random.Random(11)
    # managers' estimate of what customers expect: the further from the
    # front line, the more the message is distorted (underestimated
    # reliability/responsiveness, overestimated tangibles).
    est = {"directive": {"tangibles": 6.6, "reliability": 5.4, "responsiveness": 4.9, "assurance": 5.8, "empathy": 4.8},
           "managerial": {"tangibles": 6.3, "reliability": 5.9, "responsiveness": 5.5, "assurance": 5.9, "empathy": 5.3},
           "operative": {"tangibles": 6.0, "reliability": 6.4, "responsiveness": 6.1, "assurance": 6.0, "empathy": 5.8}}
    units = [("M01", "gm"), ("M02", "gm"), ("M03", "rooms"), ("M04", "fnb"), ("M05", "admin"),
             ("M06", "hr"), ("M07", "front_desk"), ("M08", "reservations"), ("M09", "housekeeping"),
             ("M10", "restaurant"), ("M11", "kitchen"), ("M12", "call_centre"), ("M13", "guest_relations"),
             ("M14", "bar")]
    level = {u[0]: u[4] for u in UNITS}
    header = ["respondent", "unit"] + ["M%d" % i for i in range(1, 23)]
    rows = []
    for rid, unit in units:
        lv = level[unit]
        row = [rid, unit] + [str(clamp_int(est[lv][dim_of(i)] + (rng.random() - 0.5) * 1.6, 1, 7)) for i in range(1, 23)]
        rows.append(row)
    rows[4][2 + 9] = ""   # one unanswered item (M10)
    return header, rows


def build_ipa():
    rng = random.Random(5)
    attrs = [("cleanliness", 4.7, 4.4), ("checkin_speed", 4.3, 3.1), ("staff_friendliness", 4.5, 4.4),
             ("room_comfort", 4.4, 3.9), ("breakfast", 3.6, 4.3), ("wifi", 4.2, 2.9),
             ("value_for_money", 3.8, 3.3), ("spa_and_pool", 3.1, 4.0)]
    header = ["respondent"]
    for a, _i, _p in attrs:
        header += ["I_" + a, "P_" + a]
    rows = []
    for n in range(1, 26):
        mood = (rng.random() - 0.5) * 1.2
        row = ["G%03d" % n]
        for _a, imp, perf in attrs:
            row.append(str(clamp_int(imp + (rng.random() - 0.5) * 1.8, 1, 5)))
            row.append(str(clamp_int(perf + mood + (rng.random() - 0.5) * 1.8, 1, 5)))
        rows.append(row)
    return header, rows


def build_nps():
    """recommend 0-10, csat 1-5 (5 = very satisfied), ces 1-7 in the CES 2.0
    form "the hotel made it easy for me to ..." (7 = strongly agree)."""
    rng = random.Random(3)
    segs = ["business"] * 12 + ["leisure"] * 20 + ["event_organizers"] * 8
    shift = {"business": -0.05, "leisure": 0.04, "event_organizers": 0.0}
    rows = []
    for n, seg in enumerate(segs, start=1):
        x = min(1.0, max(0.0, 0.80 + shift[seg] + (rng.random() - 0.5) * 0.6 + (rng.random() - 0.5) * 0.3))
        rec = clamp_int(10 * x, 0, 10)
        csat = clamp_int(0.5 + 4.5 * x + (rng.random() - 0.5) * 1.2, 1, 5)
        ces = clamp_int(1 + 6 * x + (rng.random() - 0.5) * 2.0, 1, 7)
        rows.append(["N%03d" % n, seg, str(rec), str(csat), str(ces)])
    return ["respondent", "segment", "recommend", "csat", "ces"], rows


# ---------------------------------------------------------------------------
# Event log of guest requests (§4.10)
# ---------------------------------------------------------------------------
RESOURCE_UNITS = [
    ("frontdesk_ana", "front_desk"), ("frontdesk_david", "front_desk"), ("frontdesk_laura", "front_desk"),
    ("frontdesk_night", "front_desk"), ("frontdesk_raul", "front_desk"),
    ("callcentre_irene", "call_centre"), ("callcentre_oscar", "call_centre"),
    ("reservations_sofia", "reservations"),
    ("housekeeping_lucia", "housekeeping"), ("housekeeping_rosa", "housekeeping"),
    ("maintenance_pedro", "maintenance"), ("maintenance_sergio", "maintenance"),
    ("concierge_marta", "guest_relations"), ("concierge_daniel", "guest_relations"),
    ("security_luis", "security"),
    ("restaurant_cristina", "restaurant"), ("kitchen_pass", "kitchen"),
    ("accounting_rocio", "accounting"),
]

# request types: list of (activity, resource role, minutes after previous)
FD = "FD"   # a front-desk agent on shift
CC = "CC"   # a call-centre agent
HK = "HK"
MT = "MT"
CG = "CG"
TEMPLATES = {
    "amenities": [("Request received", FD, 0), ("Request logged", FD, 2), ("Assigned to housekeeping", "housekeeping_rosa", 6),
                  ("Items delivered to room", HK, 18), ("Guest confirmation", FD, 10)],
    "repair": [("Request received", FD, 0), ("Work order created", FD, 4), ("Diagnosis in room", MT, 35),
               ("Repair done", MT, 50), ("Room cleaned after repair", HK, 30), ("Guest informed", FD, 8), ("Request closed", FD, 3)],
    "repair_revisit": [("Request received", FD, 0), ("Work order created", FD, 3), ("Diagnosis in room", MT, 40),
                       ("Repair done", MT, 45), ("Fault reported again", HK, 240), ("Repair done", MT, 60),
                       ("Room cleaned after repair", HK, 25), ("Guest informed", FD, 10), ("Apology amenity sent", CG, 20),
                       ("Request closed", FD, 5)],
    "noise": [("Complaint received", "frontdesk_night", 0), ("Patrol sent to corridor", "security_luis", 5),
              ("Incident recorded", "security_luis", 15), ("Guest informed", "frontdesk_night", 6),
              ("Follow-up call next morning", CG, 600)],
    "room_change": [("Request received", FD, 0), ("New room blocked", FD, 5), ("New room prepared", HK, 40),
                    ("Luggage moved", CG, 20), ("Room change done", FD, 5), ("Follow-up call", CG, 180)],
    "booking_change": [("Call received", CC, 0), ("Modification requested", CC, 3), ("Availability checked", "reservations_sofia", 25),
                       ("Booking updated", "reservations_sofia", 10), ("Confirmation sent", CC, 15), ("Arrival notes updated", FD, 150)],
    "dinner": [("Request received", CG, 0), ("Table booked", "restaurant_cristina", 10), ("Special menu prepared", "kitchen_pass", 390),
               ("Dinner served", "restaurant_cristina", 60), ("Feedback collected", CG, 780)],
    "lost_item": [("Loss reported", FD, 0), ("Search requested", "security_luis", 15), ("Room searched", HK, 60),
                  ("Item found", HK, 20), ("Item handed over", CG, 90)],
    "billing": [("Complaint about invoice", FD, 0), ("Escalated to supervisor", "frontdesk_raul", 10),
                ("Charges reviewed", "accounting_rocio", 120), ("Invoice corrected", "accounting_rocio", 30),
                ("Corrected invoice sent", "frontdesk_raul", 20), ("Apology call", CG, 60)],
}
CASE_TYPES = (["amenities"] * 6 + ["repair"] * 5 + ["repair_revisit"] * 2 + ["noise"] * 3 + ["room_change"] * 3
              + ["booking_change"] * 4 + ["dinner"] * 3 + ["lost_item"] * 2 + ["billing"] * 2)


# hours of the day (start, end) at which each kind of request is raised
WINDOWS = {"amenities": (8, 21), "repair": (8, 18), "repair_revisit": (8, 13), "noise": (23, 24),
           "room_change": (9, 19), "booking_change": (9, 18), "dinner": (11, 14), "lost_item": (10, 18),
           "billing": (8, 11)}


def build_events():
    rng = random.Random(42)
    pools = {FD: ["frontdesk_ana", "frontdesk_david", "frontdesk_laura"],
             CC: ["callcentre_irene", "callcentre_oscar"],
             HK: ["housekeeping_lucia", "housekeeping_rosa"],
             MT: ["maintenance_pedro", "maintenance_sergio"],
             CG: ["concierge_marta", "concierge_daniel"]}
    order = list(CASE_TYPES)
    for i in range(len(order) - 1, 0, -1):          # deterministic shuffle
        j = int(rng.random() * (i + 1))
        order[i], order[j] = order[j], order[i]
    cases = []
    for n, kind in enumerate(order):
        day = datetime(2026, 3, 2) + timedelta(days=n * 14 // len(order))   # two weeks
        lo, hi = WINDOWS[kind]
        start = day + timedelta(minutes=int(lo * 60 + rng.random() * (hi - lo) * 60))
        who = {role: pool[int(rng.random() * len(pool))] for role, pool in pools.items()}
        t = start
        evs = []
        for k, (act, role, minutes) in enumerate(TEMPLATES[kind]):
            if minutes:
                spread = 0.3 if minutes >= 300 else 0.9   # "next morning" stays next morning
                t = t + timedelta(minutes=max(1, int(minutes * (1 - spread / 2 + rng.random() * spread))))
            if role in pools:
                if role == FD and k > 0 and rng.random() < 0.25:   # the desk agent changed
                    who[FD] = pools[FD][(pools[FD].index(who[FD]) + 1) % len(pools[FD])]
                res = who[role]
            else:
                res = role
            evs.append([act, res, t])
        cases.append((start, kind, evs))
    cases.sort(key=lambda c: c[0])
    rows = []
    for n, (_start, _kind, evs) in enumerate(cases, start=1):
        case = "REQ-%04d" % (1000 + n)
        rows.extend([case, a, r, t.strftime("%Y-%m-%dT%H:%M:%SZ")] for a, r, t in evs)
    # realism: one case exported with two lines out of time order (sorting by
    # timestamp restores it) ...
    idx = [i for i, r in enumerate(rows) if r[0] == "REQ-1007"]
    k = next(k for k in range(1, len(idx) - 1) if rows[idx[k]][2] != rows[idx[k + 1]][2])
    rows[idx[k]], rows[idx[k + 1]] = rows[idx[k + 1]], rows[idx[k]]
    # ... and one case where two resources log an event in the same minute
    # (ties go by file order)
    idx = [i for i, r in enumerate(rows) if r[0] == "REQ-1012"]
    k = next(k for k in range(1, len(idx)) if rows[idx[k]][2] != rows[idx[k - 1]][2])
    rows[idx[k]][3] = rows[idx[k - 1]][3]
    return ["case:concept:name", "concept:name", "org:resource", "time:timestamp"], rows


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------

def build_orgchart(model):
    """The hotel's people as an HR suite exports them (unit names, position
    titles, levels): the sample for `servicechain import orgchart`."""
    units = {u["id"]: u for u in model["units"]}
    positions = {p["id"]: p for p in model["positions"]}
    rows = []
    for p in model["people"]:
        pos = positions.get(p.get("position"))
        level = (pos or {}).get("level") or units[p["unit"]]["level"]
        rows.append([p["id"], p["name"], p.get("manager") or "", units[p["unit"]]["name"],
                     pos["title"] if pos else "", level])
    return ["id", "name", "manager_id", "unit", "position", "level"], rows


def write_json(rel, obj):
    path = os.path.join(ROOT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(obj, f, ensure_ascii=False, indent=2)
        f.write("\n")


def write_csv(rel, header, rows):
    path = os.path.join(ROOT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")   # RFC 4180 line breaks
    w.writerow(header)
    w.writerows(rows)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


def main():
    model = build_model()
    write_json("examples/hotel.json", model)
    write_json("examples/hotel-es.json", translate_model(model))
    for lang in ("en", "es"):
        write_json("data/curriculum.%s.json" % lang, build_curriculum(lang))
        write_json("data/maturity.%s.json" % lang, build_maturity(lang))
        write_json("data/roadmap.%s.json" % lang, build_roadmap(lang))
    write_csv("examples/surveys/servqual.csv", *build_servqual())
    write_csv("examples/surveys/servqual-managers.csv", *build_servqual_managers())
    write_csv("examples/surveys/ipa.csv", *build_ipa())
    write_csv("examples/surveys/nps.csv", *build_nps())
    write_csv("examples/logs/events.csv", *build_events())
    write_csv("examples/logs/resource-units.csv", ["resource", "unit"], [list(r) for r in RESOURCE_UNITS])
    write_csv("examples/orgchart.csv", *build_orgchart(model))
    sys.dont_write_bytecode = True
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import check_examples
    sys.exit(check_examples.main())


if __name__ == "__main__":
    main()
