using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readiness.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class StoredRecommendationState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "recommendation_states",
                columns: table => new
                {
                    recommendation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    review_code = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    reference = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    rag = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    rag_basis = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    is_overdue = table.Column<bool>(type: "boolean", nullable: false),
                    overdue_milestones = table.Column<int>(type: "integer", nullable: false),
                    oldest_overdue_due = table.Column<DateOnly>(type: "date", nullable: true),
                    next_milestone_due = table.Column<DateOnly>(type: "date", nullable: true),
                    worked_out_on = table.Column<DateOnly>(type: "date", nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recommendation_states", x => x.recommendation_id);
                    table.ForeignKey(
                        name: "fk_recommendation_states_recommendations_recommendation_id",
                        column: x => x.recommendation_id,
                        principalTable: "recommendations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade
                    );
                }
            );

            migrationBuilder.CreateIndex(
                name: "ix_recommendation_states_is_overdue",
                table: "recommendation_states",
                column: "is_overdue",
                filter: "is_overdue"
            );

            migrationBuilder.CreateIndex(
                name: "ix_recommendation_states_next_milestone_due",
                table: "recommendation_states",
                column: "next_milestone_due"
            );

            migrationBuilder.CreateIndex(name: "ix_recommendation_states_rag", table: "recommendation_states", column: "rag");

            migrationBuilder.CreateIndex(
                name: "ix_recommendation_states_review_code_reference",
                table: "recommendation_states",
                columns: new[] { "review_code", "reference" }
            );

            migrationBuilder.CreateIndex(
                name: "ix_recommendation_states_worked_out_on",
                table: "recommendation_states",
                column: "worked_out_on"
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "recommendation_states");
        }
    }
}
